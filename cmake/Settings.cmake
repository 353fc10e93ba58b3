# Project-wide settings as INTERFACE targets, so every target opts in the same way.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(soc2scope_settings INTERFACE)
target_compile_features(soc2scope_settings INTERFACE cxx_std_20)

# SOC2SCOPE_SANITIZE is a comma-separated list for -fsanitize= (the asan preset sets it);
# a preset rather than ad-hoc flags keeps the CI run reproducible.
set(SOC2SCOPE_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(SOC2SCOPE_SANITIZE)
  target_compile_options(soc2scope_settings INTERFACE -fsanitize=${SOC2SCOPE_SANITIZE}
                                                      -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(soc2scope_settings INTERFACE -fsanitize=${SOC2SCOPE_SANITIZE})
endif()
