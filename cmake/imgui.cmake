# Dear ImGui (1.86, sources in third_party/imgui from scripts/setup) as two static libraries:
#   nnplay_imgui          the GUI core only (no window, no GL): what the headless smoke test needs;
#   nnplay_imgui_backends the GLFW + OpenGL3 backends: desktop (libglfw3 + libGL, GL 3.3 core) or
#                         web (emscripten's GLFW and WebGL2, GLSL ES 3.00).
# Third-party code: no warnings flags of ours, headers included as SYSTEM.
set(NNPLAY_IMGUI_DIR ${PROJECT_SOURCE_DIR}/third_party/imgui)
if(NOT EXISTS ${NNPLAY_IMGUI_DIR}/imgui.h)
  message(FATAL_ERROR "${NNPLAY_IMGUI_DIR}/imgui.h not found: run scripts/setup "
                      "(or configure with -DNNPLAY_BUILD_APP=OFF)")
endif()

add_library(nnplay_imgui STATIC
  ${NNPLAY_IMGUI_DIR}/imgui.cpp
  ${NNPLAY_IMGUI_DIR}/imgui_draw.cpp
  ${NNPLAY_IMGUI_DIR}/imgui_tables.cpp
  ${NNPLAY_IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(nnplay_imgui SYSTEM PUBLIC ${NNPLAY_IMGUI_DIR})
# No imgui.ini on disk (the app's state lives in Config and the URL, not in ImGui's settings), and
# no deprecated API so we notice when we use something 1.87+ renamed.
# 32-bit indices: a large network's links exceed 64k vertices in one draw list, and the WebGL2
# renderer has no vertex offsets to split them.
# IMGUI_ENABLE_TEST_ENGINE: ImGui calls our item hooks (src/app/tab_order.cpp) with every
# widget's id, rectangle and label: the screen-wide Tab order and the widget list tests use.
target_compile_definitions(nnplay_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                                              "ImDrawIdx=unsigned int" IMGUI_ENABLE_TEST_ENGINE)
if(EMSCRIPTEN)
  target_compile_definitions(nnplay_imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS)
  # Web bundle size: the GUI is compiled for size; training and the grid stay -O3.
  target_compile_options(nnplay_imgui PRIVATE -Os)
endif()

# The web has no GLFW: input comes from html5.h callbacks (src/app/platform_web.cpp).
add_library(nnplay_imgui_backends STATIC ${NNPLAY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
if(NOT EMSCRIPTEN)
  target_sources(nnplay_imgui_backends PRIVATE ${NNPLAY_IMGUI_DIR}/backends/imgui_impl_glfw.cpp)
endif()
target_include_directories(nnplay_imgui_backends SYSTEM PUBLIC ${NNPLAY_IMGUI_DIR}/backends)
target_link_libraries(nnplay_imgui_backends PUBLIC nnplay_imgui)
if(EMSCRIPTEN)
  # WebGL2 = GLES 3.0: the opengl3 backend then includes <GLES3/gl3.h> and speaks "#version 300 es".
  target_compile_definitions(nnplay_imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_compile_options(nnplay_imgui_backends PRIVATE -Os)
  target_link_options(nnplay_imgui_backends PUBLIC -sUSE_WEBGL2=1 -sFULL_ES3=1
                      -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
else()
  find_package(glfw3 3.3 REQUIRED)
  set(OpenGL_GL_PREFERENCE GLVND)
  find_package(OpenGL REQUIRED)
  target_link_libraries(nnplay_imgui_backends PUBLIC glfw OpenGL::GL ${CMAKE_DL_LIBS})
endif()
