#pragma once

#include <map>
#include <string>
#include <vector>

#include <soc2scope/model/declaration.hpp>
#include <soc2scope/util/result.hpp>

namespace soc2scope::drift {

// One piece of real infrastructure, from `terraform show -json` or a plain list.
struct Resource {
    std::string address; // e.g. module.api.aws_lambda_function.handler
    std::string type;
    std::string name;
    std::map<std::string, std::string> tags;
};

// Reads an inventory: Terraform JSON (state: values.root_module; plan: planned_values.root_module
// and prior_state.values.root_module; child_modules followed at any depth; data sources
// skipped), a JSON list of {type, name, address?, tags?} (or {"resources": [...]}), or CSV
// with a header naming type, name and optionally address and tags ("k=v;k2=v2").
Result<std::vector<Resource>, std::string> parse_inventory(std::string_view text,
                                                           std::string_view file_name);

bool matches(const model::MatchSelector& selector, const Resource& resource);

struct InventoryResult {
    std::vector<const Resource*> undeclared;        // no component claims it
    std::vector<const model::Component*> unmatched; // selectors that match nothing
};

InventoryResult compare_inventory(const model::Declaration& decl,
                                  const std::vector<Resource>& resources);

} // namespace soc2scope::drift
