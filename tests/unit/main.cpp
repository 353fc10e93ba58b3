// The one translation unit that holds Catch2's main(); compiled once, so the tests build fast.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
