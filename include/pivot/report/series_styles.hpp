// The actors' line styles (colour and dash), shared by the report and the
// `pivot serve` page so that an actor looks the same in both.
#pragma once

#include <string>

namespace pivot {

/// The styles as JSON, [{"colour": "#332288", "dash": ""}, ...], in actor order.
std::string series_styles_json();

}  // namespace pivot
