# Warnings and sanitizers shared by every Confab target.
add_library(confab_warnings INTERFACE)
target_compile_options(confab_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(CONFAB_WERROR)
  target_compile_options(confab_warnings INTERFACE -Werror)
endif()

if(CONFAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
