// The UI page, src/serve/ui.html, embedded in the binary at build time
// (CMake writes ui_page.cpp from it), so the page needs no files or network.
#pragma once

#include <string_view>

namespace pivot::serve {

/// The self-contained HTML+CSS+JS page of `pivot serve`.
std::string_view ui_page_html();

}  // namespace pivot::serve
