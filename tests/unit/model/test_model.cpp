#include <catch2/catch.hpp>

#include <soc2scope/model/declaration.hpp>

using namespace soc2scope::model;

TEST_CASE("enum spellings round-trip", "[model]") {
    CHECK(to_string(ComponentKind::FirmwareUpdateService) == "firmware_update_service");
    CHECK(enum_from_string<ComponentKind>("ci_cd") == ComponentKind::CiCd);
    CHECK(enum_from_string<Scope>("shared") == Scope::Shared);
    CHECK_FALSE(enum_from_string<Scope>("Shared"));
    CHECK(enum_names<ComponentKind>().size() == 22);
    CHECK(enum_names<ProcessKind>().front() == "change_management");
    for (std::size_t i = 0; i < enum_names<Criterion>().size(); ++i) {
        const auto c = static_cast<Criterion>(i);
        CHECK(enum_from_string<Criterion>(to_string(c)) == c);
    }
}

TEST_CASE("the operator of a component follows what was declared", "[model]") {
    Component c;
    c.kind.value = ComponentKind::DataStore;
    CHECK(c.effective_operator().kind == Operator::Kind::Us);
    c.kind.value = ComponentKind::CustomerNetwork;
    CHECK(c.effective_operator().kind == Operator::Kind::Customer);
    c.vendor = {"isp", {0, 1, 1}};
    CHECK(c.effective_operator() == Operator{Operator::Kind::Vendor, "isp"});
    c.operated_by = {Operator{Operator::Kind::Shared, {}}, {0, 2, 1}};
    CHECK(c.effective_operator().kind == Operator::Kind::Shared);
}

TEST_CASE("responsibility domains are normalized the way people write them", "[model]") {
    CHECK(normalize_domain("Device identity") == "device_identity");
    CHECK(normalize_domain("network-exposure") == "network_exposure");
    CHECK(normalize_domain("  Physical  access ") == "physical_access");
    CHECK(normalize_domain("telemetry_integrity") == "telemetry_integrity");
}

TEST_CASE("lookups by id use the indexes", "[model]") {
    Declaration d;
    d.components.resize(2);
    d.components[0].id.value = "a";
    d.components[1].id.value = "b";
    d.vendors.resize(1);
    d.vendors[0].id.value = "v";
    d.build_indexes();
    CHECK(d.find_component("b") == &d.components[1]);
    CHECK(d.find_component("c") == nullptr);
    CHECK(d.find_vendor("v") == &d.vendors[0]);
}
