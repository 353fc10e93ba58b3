#include <soc2scope/embedded/embedded.hpp>

namespace soc2scope::embedded {

std::optional<std::string_view> starter_template(std::string_view profile) {
    if (profile == "hardware-saas") {
        return template_hardware_saas();
    }
    if (profile == "saas") {
        return template_saas();
    }
    return std::nullopt;
}

} // namespace soc2scope::embedded
