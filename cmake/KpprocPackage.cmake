# Installs the CMake package: find_package(kpproc CONFIG) gives kpproc::sdk, kpproc::framework
# and kpproc_add_plugin().
include(CMakePackageConfigHelpers)
set(KPPROC_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/kpproc")

install(EXPORT kpprocTargets NAMESPACE kpproc:: DESTINATION "${KPPROC_CMAKE_INSTALL_DIR}")
configure_package_config_file(
    "${CMAKE_CURRENT_LIST_DIR}/kpprocConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/kpprocConfig.cmake"
    INSTALL_DESTINATION "${KPPROC_CMAKE_INSTALL_DIR}"
    PATH_VARS KPPROC_PLUGIN_INSTALL_DIR)
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/kpprocConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/kpprocConfig.cmake"
    "${PROJECT_BINARY_DIR}/kpprocConfigVersion.cmake"
    "${CMAKE_CURRENT_LIST_DIR}/KpprocPlugin.cmake"
    DESTINATION "${KPPROC_CMAKE_INSTALL_DIR}")

# The licence travels with every install (the PDF plugin's own note is in its README).
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
