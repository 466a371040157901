# The Python module `pivot` (docs/python.md): the extension pivot._pivot, built from
# python/src/ with every pivot module library linked in statically, beside the pure-Python
# package python/pivot/, in ${CMAKE_BINARY_DIR}/python/pivot. `make python` installs it
# where Debian's interpreter looks (install component `python`); the tests run it from
# the build tree.
set(Python_EXECUTABLE ${PIVOT_PYTHON_EXECUTABLE})
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 CONFIG REQUIRED)

set(PIVOT_PYTHON_PACKAGE ${CMAKE_BINARY_DIR}/python/pivot)
pybind11_add_module(pivot_python MODULE NO_EXTRAS python/src/module.cpp)
set_target_properties(pivot_python PROPERTIES OUTPUT_NAME _pivot LIBRARY_OUTPUT_DIRECTORY ${PIVOT_PYTHON_PACKAGE})
# The pipeline and the modules under it (not serve, nor its HTTP and TLS libraries).
target_include_directories(pivot_python PRIVATE ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(pivot_python PRIVATE pivot_pipeline pivot_serve)

# The package's Python files, copied beside the extension whenever they change.
file(GLOB PIVOT_PYTHON_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/python/pivot/*)
set(PIVOT_PYTHON_COPIES)
foreach(file ${PIVOT_PYTHON_FILES})
  get_filename_component(name ${file} NAME)
  add_custom_command(OUTPUT ${PIVOT_PYTHON_PACKAGE}/${name}
                     COMMAND ${CMAKE_COMMAND} -E copy_if_different ${file} ${PIVOT_PYTHON_PACKAGE}/${name}
                     DEPENDS ${file})
  list(APPEND PIVOT_PYTHON_COPIES ${PIVOT_PYTHON_PACKAGE}/${name})
endforeach()
add_custom_target(pivot_python_files ALL DEPENDS ${PIVOT_PYTHON_COPIES})
add_dependencies(pivot_python pivot_python_files)

# Where Debian's interpreter finds packages installed by hand (/usr/local/lib/python3.X/dist-packages).
execute_process(COMMAND ${PIVOT_PYTHON_EXECUTABLE} -c "import sysconfig; print(sysconfig.get_path('platlib'))"
                OUTPUT_VARIABLE PIVOT_PYTHON_SITE_DEFAULT OUTPUT_STRIP_TRAILING_WHITESPACE)
set(PIVOT_PYTHON_SITE ${PIVOT_PYTHON_SITE_DEFAULT} CACHE PATH "Where `make python` installs the package")
# Only `cmake --install BUILD --component python` (make python) installs it: `make install
# PREFIX=...` and the install test keep to their prefix.
install(TARGETS pivot_python LIBRARY DESTINATION ${PIVOT_PYTHON_SITE}/pivot COMPONENT python EXCLUDE_FROM_ALL)
install(FILES ${PIVOT_PYTHON_FILES} DESTINATION ${PIVOT_PYTHON_SITE}/pivot COMPONENT python EXCLUDE_FROM_ALL)

if(PIVOT_TESTS)
  # python/tests with pytest, on the module in the build tree; the notebook runs among them.
  add_test(NAME python COMMAND ${PIVOT_PYTHON_EXECUTABLE} -m pytest -q -p no:cacheprovider ${CMAKE_SOURCE_DIR}/python/tests)
  set_tests_properties(python PROPERTIES TIMEOUT 600 ENVIRONMENT
    "PYTHONPATH=${CMAKE_BINARY_DIR}/python;PIVOT_BINARY=$<TARGET_FILE:pivot>;PIVOT_SOURCE_DIR=${CMAKE_SOURCE_DIR};PIVOT_SHARED_DATA=${CMAKE_SOURCE_DIR}/../shared/data;PYTHONDONTWRITEBYTECODE=1")
endif()
