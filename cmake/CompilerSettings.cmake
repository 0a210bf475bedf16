# Warnings and sanitizers shared by every Confab target.
add_library(confab_warnings INTERFACE)
target_compile_options(confab_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(CONFAB_WERROR)
  target_compile_options(confab_warnings INTERFACE -Werror)
endif()

option(CONFAB_TSAN "Build with ThreadSanitizer (needs clang; not with CONFAB_SANITIZE)" OFF)
if(CONFAB_SANITIZE AND CONFAB_TSAN)
  message(FATAL_ERROR "CONFAB_SANITIZE (ASan+UBSan) and CONFAB_TSAN cannot share a build: use two build dirs")
endif()

if(CONFAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(CONFAB_TSAN)
  # -O1 keeps the reports' stacks readable and the run fast enough.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -O1)
  add_link_options(-fsanitize=thread)
endif()

# Hardening for a program that reads from the network: bounds-checked libc
# calls, stack canaries, a read-only GOT. The sanitizer builds check more
# than this and do not mix with _FORTIFY_SOURCE.
if(NOT CONFAB_SANITIZE AND NOT CONFAB_TSAN AND NOT CONFAB_FUZZ)
  add_compile_options(-fstack-protector-strong)
  add_compile_definitions($<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>) # needs optimisation
  add_link_options(-Wl,-z,relro -Wl,-z,now)
endif()
