# Warnings on our own targets only; third-party headers come in as SYSTEM.
function(nnplay_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(NNPLAY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
