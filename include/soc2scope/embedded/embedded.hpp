#pragma once

#include <optional>
#include <string_view>

namespace soc2scope::embedded {

// Files of the repository compiled into the binary (see cmake/Embed.cmake).
std::string_view schema_json();            // schemas/soc2scope.schema.json
std::string_view template_hardware_saas(); // templates/hardware-saas.yaml
std::string_view template_saas();          // templates/saas.yaml

// The starter declaration for an `init --profile`, or nothing for an unknown profile.
std::optional<std::string_view> starter_template(std::string_view profile);

} // namespace soc2scope::embedded
