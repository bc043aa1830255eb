# ctest desktop-screenshot: runs the desktop app under Xvfb, renders 30 frames, writes a PNG, and
# checks the picture is not blank (png_stats counts its colours).
# Usage: cmake -DXVFB_RUN=... -DNNPLAY=... -DPNG_STATS=... -DOUT=... -P desktop_screenshot.cmake
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
file(REMOVE ${OUT})
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x720x24" ${NNPLAY} --screenshot ${OUT} --frames 30
          --steps 300
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nnplay --screenshot exited with ${rc}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "nnplay did not write ${OUT}")
endif()
execute_process(COMMAND ${PNG_STATS} ${OUT} --min-colors 200 --max-dominant 0.9 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OUT} looks blank (png_stats exited with ${rc})")
endif()
