// Step-through (§1.5, §1.6, §3.1, §3.2): the hand-checkable example walked by hand (values in
// tests/core/test_checker.cpp's comment), and the walk's numbers against the backward pass.
#include <catch2/catch.hpp>

#include "core/checker.hpp"
#include "core/walk.hpp"

using namespace nn;

TEST_CASE("walk: forward unit by unit, the loss, backward unit by unit, by hand", "[walk]") {
  const HandExample h = hand_checkable_example();
  Matrix X(2, 1);
  X << 1, 2;
  Vector y(1);
  y << 1.0;
  WalkOptions o;
  o.loss = Loss::Mse;
  const Walk w = make_walk(h.network, X, y, o);
  // input, 2 hidden + 1 output forward, loss, 1 output + 2 hidden backward
  REQUIRE(w.steps.size() == 8);
  CHECK(w.steps[0].phase == WalkPhase::Input);
  CHECK(w.steps[1].phase == WalkPhase::Forward);
  CHECK(w.steps[4].phase == WalkPhase::Loss);
  CHECK(w.steps[5].phase == WalkPhase::Backward);
  CHECK(w.steps[5].layer == 1);  // the output first, then the hidden layer
  CHECK(w.steps[7].layer == 0);
  CHECK(w.z[0][0] == Approx(0.6));
  CHECK(w.z[0][1] == Approx(0.4));
  CHECK(w.a[0][0] == Approx(0.6456563).margin(1e-7));
  CHECK(w.a[1][0] == Approx(0.2833531).margin(1e-7));
  CHECK(w.dS[0] == Approx(-0.7166469).margin(1e-7));
  CHECK(w.delta[0][0] == Approx(-0.0819788).margin(1e-7));
  CHECK(w.delta[0][1] == Approx(0.0688728).margin(1e-7));
  CHECK(w.dW[0](0, 1) == Approx(-0.1639575).margin(1e-7));
  CHECK(w.steps[1].text.find("0.6") != std::string::npos);
  CHECK(w.steps[6].text.find("delta_1^(2)") != std::string::npos);
  CHECK(w.forward_step(0, 1) == 2);
  CHECK(w.backward_step(0, 0) == 6);
  CHECK(w.backward_step(5, 0) == -1);
}

TEST_CASE("walk: the true window of a max-margin pair starts from -1", "[walk]") {
  const HandExample h = hand_checkable_example();
  Matrix X(2, 2);
  X << 1, 2, 2, -1;
  Vector y(2);
  y << 1, 0;
  WalkOptions o;
  o.loss = Loss::MaxMargin;
  const Walk w = make_walk(h.network, X, y, o);
  CHECK(w.dS[0] == -1);
  CHECK(w.steps[4].text.find("max-margin") != std::string::npos);
  CHECK_THROWS_AS(make_walk(h.network, X.leftCols(1), y.head(1), o), ConfigError);
}
