// Catch2 v2 entry point for the core suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
