# Writes the help2man include file for telsim(1): the hand-written sections of tools/telsim.h2m,
# then a COMMANDS section with each command's own --help, so the manual says what --help says.
#   cmake -DTELSIM=path/to/telsim -DSECTIONS=tools/telsim.h2m -DOUT=telsim-commands.h2m -P man_commands.cmake
execute_process(COMMAND ${TELSIM} --help OUTPUT_VARIABLE usage RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TELSIM} --help failed")
endif()
# The commands are the lines "  NAME  ..." of the usage's "commands:" list.
string(REGEX MATCHALL "\n  [a-z]+ " found "${usage}")
set(text "[COMMANDS]\n")
foreach(line ${found})
  string(STRIP "${line}" command)
  execute_process(COMMAND ${TELSIM} ${command} --help OUTPUT_VARIABLE help)
  # roff: a backslash is written \e, a minus \- (a plain - is a hyphen), and a line may not
  # start with a dot or a quote.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REPLACE "-" "\\-" help "${help}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "\n${help}")
  string(APPEND text ".SS telsim ${command}\n.nf${help}\n.fi\n")
endforeach()
file(READ ${SECTIONS} sections)
file(WRITE ${OUT} "${text}\n${sections}")
