# Interface targets for the header-only dependencies. emcc does not search /usr/include, and
# -I/usr/include would drag glibc headers into the wasm build, so for the web build we expose each
# library through a folder that holds only that library (symlinks made at configure time).
set(NNPLAY_DEP_INCLUDE ${CMAKE_BINARY_DIR}/dep-include)
file(MAKE_DIRECTORY ${NNPLAY_DEP_INCLUDE})
function(nnplay_expose name path)
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "${path} not found: run scripts/setup")
  endif()
  file(CREATE_LINK ${path} ${NNPLAY_DEP_INCLUDE}/${name} SYMBOLIC)
endfunction()

add_library(nnplay_eigen INTERFACE)
target_include_directories(nnplay_eigen SYSTEM INTERFACE /usr/include/eigen3)
add_library(nnplay::eigen ALIAS nnplay_eigen)

nnplay_expose(nlohmann /usr/include/nlohmann)
nnplay_expose(catch2 /usr/include/catch2)
nnplay_expose(CLI /usr/include/CLI)
add_library(nnplay_json INTERFACE)
target_include_directories(nnplay_json SYSTEM INTERFACE ${NNPLAY_DEP_INCLUDE})
add_library(nnplay::json ALIAS nnplay_json)
add_library(nnplay_catch2 INTERFACE)
target_include_directories(nnplay_catch2 SYSTEM INTERFACE ${NNPLAY_DEP_INCLUDE})
add_library(nnplay::catch2 ALIAS nnplay_catch2)
add_library(nnplay_cli11 INTERFACE)
target_include_directories(nnplay_cli11 SYSTEM INTERFACE ${NNPLAY_DEP_INCLUDE})
add_library(nnplay::cli11 ALIAS nnplay_cli11)

if(EMSCRIPTEN)
  find_program(NODE_EXECUTABLE NAMES node nodejs REQUIRED)
endif()
