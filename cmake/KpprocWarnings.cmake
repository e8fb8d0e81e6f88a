# Warnings every target of this project is built with; a clean build prints none.
add_library(kpproc_warnings INTERFACE)
target_compile_options(kpproc_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
        -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual>)
option(KPPROC_WERROR "Treat warnings as errors" OFF)
if(KPPROC_WERROR)
    target_compile_options(kpproc_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
endif()
