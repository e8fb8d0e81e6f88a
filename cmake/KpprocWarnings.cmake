# Warnings every target of this project is built with; a clean build prints none.
add_library(kpproc_warnings INTERFACE)
target_compile_options(kpproc_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
        -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual>)
# GCC 12 reports -Wrestrict inside libstdc++'s std::string operator+ at -O2 (GCC bug 105329, fixed
# in 13): a false positive in the library's own code, so it is switched off for GCC < 13 only.
target_compile_options(kpproc_warnings INTERFACE
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
option(KPPROC_WERROR "Treat warnings as errors" OFF)
if(KPPROC_WERROR)
    target_compile_options(kpproc_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
endif()
