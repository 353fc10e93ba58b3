// libFuzzer target: the other untrusted inputs, an inventory (Terraform JSON, JSON or CSV
// lists) and a lock file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <soc2scope/drift/inventory.hpp>
#include <soc2scope/drift/snapshot.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace soc2scope;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)drift::parse_inventory(text, "fuzz.json");
    (void)drift::parse_inventory(text, "fuzz.csv");
    (void)drift::parse_lock(text);
    return 0;
}
