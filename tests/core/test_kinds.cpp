// The kind tables (core/kinds.hpp): every row parses back from its name, names are unique, every
// row has a label, a formula or description and (for the model's kinds) a section of the notes,
// and unknown names give the field and the allowed list.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "core/config.hpp"
#include "core/lessons.hpp"

using namespace nn;

namespace {

template <typename E, std::size_t N>
void check_table(const KindRow<E> (&rows)[N], E (*parse)(const std::string&, const std::string&),
                 bool needs_section) {
  std::set<std::string> names;
  for (const KindRow<E>& r : rows) {
    INFO(r.name);
    CHECK(names.insert(r.name).second);
    CHECK(parse(r.name, "field") == r.value);
    CHECK(std::string(name(r.value)) == r.name);
    CHECK(std::string(r.label).size() > 0);
    CHECK(std::string(r.formula).size() > 0);
    if (needs_section) CHECK(std::string(r.section).rfind("§", 0) == 0);
  }
  CHECK_THROWS_WITH(parse("no_such_kind", "a.b"),
                    Catch::StartsWith("a.b: unknown ") &&
                        Catch::Contains("\"no_such_kind\" (allowed: " + kind_names(rows) + ")"));
}

}  // namespace

TEST_CASE("kind tables: names, parsers, labels, formulas and sections", "[kinds]") {
  check_table(kActivationKinds, &parse_activation, true);
  check_table(kLossKinds, &parse_loss, true);
  check_table(kInitKinds, &parse_init, true);
  check_table(kRegularizationKinds, &parse_regularization, true);
  check_table(kDatasetKinds, &parse_dataset, true);
  check_table(kFeatureKinds, &parse_feature, true);
  check_table(kPreprocessKinds, &parse_preprocess, true);
  check_table(kOptimizerKinds, &parse_optimizer, true);
  check_table(kScheduleKinds, &parse_schedule, true);
  check_table(kViewKinds, &parse_view, false);
}

TEST_CASE("kind tables: the value lists and counts come from the tables", "[kinds]") {
  CHECK(all_activations().size() == static_cast<std::size_t>(kActivationCount));
  CHECK(all_losses().size() == static_cast<std::size_t>(kLossCount));
  CHECK(all_views().size() == static_cast<std::size_t>(kViewCount));
  CHECK(all_features().size() == sizeof(kFeatureKinds) / sizeof(kFeatureKinds[0]));
  CHECK(activation_names() == kind_names(kActivationKinds));
  CHECK(loss_names() == kind_names(kLossKinds));
}
