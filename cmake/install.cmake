# Installation and packaging.
#
#   cmake --install build --prefix /usr/local       # etldag, man page, completions
#   cd build && cpack -G DEB                         # etldag_VERSION_ARCH.deb
#
# The man page and the shell completions are generated at build time by the
# etldag just built (`etldag help --man`, `etldag completion bash|zsh`), from
# the command table that --help uses, so they cannot drift from the binary.
include(GNUInstallDirs)
option(ETLDAG_GENERATE_MAN_AND_COMPLETIONS "Generate and install the man page and shell completions" ON)

install(TARGETS etldag RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT etldag)

# Generated files: written next to the binary's build tree, installed below.
set(ETLDAG_GENERATED_DIR ${PROJECT_BINARY_DIR}/share)
set(etldag_man ${ETLDAG_GENERATED_DIR}/man/man1/etldag.1)
set(etldag_bash ${ETLDAG_GENERATED_DIR}/bash-completion/completions/etldag)
set(etldag_zsh ${ETLDAG_GENERATED_DIR}/zsh/site-functions/_etldag)
if(ETLDAG_GENERATE_MAN_AND_COMPLETIONS)
  add_custom_command(
    OUTPUT ${etldag_man} ${etldag_bash} ${etldag_zsh}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${ETLDAG_GENERATED_DIR}/man/man1
            ${ETLDAG_GENERATED_DIR}/bash-completion/completions ${ETLDAG_GENERATED_DIR}/zsh/site-functions
    COMMAND sh -c "\"$1\" help --man > \"$2\"" sh $<TARGET_FILE:etldag> ${etldag_man}
    COMMAND sh -c "\"$1\" completion bash > \"$2\"" sh $<TARGET_FILE:etldag> ${etldag_bash}
    COMMAND sh -c "\"$1\" completion zsh > \"$2\"" sh $<TARGET_FILE:etldag> ${etldag_zsh}
    DEPENDS etldag
    COMMENT "Generating the etldag man page and shell completions"
    VERBATIM)
  add_custom_target(etldag_man_and_completions ALL DEPENDS ${etldag_man} ${etldag_bash} ${etldag_zsh})
  install(FILES ${etldag_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT etldag)
  # bash-completion looks in $XDG_DATA_DIRS/bash-completion/completions
  # (/usr/local/share and /usr/share by default); zsh's default fpath on
  # Debian holds /usr/local/share/zsh/site-functions and
  # /usr/share/zsh/vendor-completions (the place for packaged files).
  install(FILES ${etldag_bash} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions
          COMPONENT etldag)
  # The prefix is known only at install time (--prefix, CPack's /usr).
  install(CODE "
    if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
      set(_etldag_zsh_dir share/zsh/vendor-completions)
    else()
      set(_etldag_zsh_dir share/zsh/site-functions)
    endif()
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${_etldag_zsh_dir}\" TYPE FILE FILES \"${etldag_zsh}\")"
    COMPONENT etldag)
endif()

# ---- the Debian package ----------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME etldag)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "etldag maintainers <etldag@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "fast, exact answers about an ETL dependency DAG (spark_ops.json)")
# One string (set() with several arguments would make a ;-separated list).
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "etldag loads a spark_ops.json (or a binary snapshot of it) into a compact graph and answers\n"
    "incident questions in milliseconds: downstream/upstream, blast radius, safe-to-skip verdicts,\n"
    "retraction sets, critical paths and rerun plans, with dbt's selector syntax.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # etldag_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_STRIP_FILES ON)
# Depends: dpkg-shlibdeps runs on every ELF file in the package (the etldag
# binary and the Python module) and names the Debian package of each shared
# library they link, with its minimum version (needs dpkg-dev and file).
# No library list is written here: it follows the link lines.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The Python module links no libpython (the interpreter provides the C API),
# so dpkg-shlibdeps cannot see it: it is built for one interpreter version
# (etldag.cpython-3XY-*.so) and depends on it as dh_python3 writes it.
# CPack joins them with the computed list.
if(TARGET etldag_python)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)   # the one python/ found (cached)
  math(EXPR _etldag_py_next "${Python3_VERSION_MINOR} + 1")
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}~), python3 (<< ${Python3_VERSION_MAJOR}.${_etldag_py_next})")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, graphviz, python3-networkx")  # g.to_networkx()
  string(APPEND CPACK_PACKAGE_DESCRIPTION "\nIt includes the etldag Python module (import etldag).")
else()
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, graphviz")
endif()
include(CPack)
