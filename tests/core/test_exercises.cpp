// Exercises: at least 24, one to three per lesson; every goal is not met on its lesson's config
// and a scripted solution (settings, training, an answer computed and checked, gradient checks)
// meets it, so each goal can fail and can pass.
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "core/checker.hpp"
#include "core/exercises.hpp"
#include "core/gradcheck.hpp"
#include "core/graph.hpp"
#include "core/lessons.hpp"

using namespace nn;

namespace {

// What a learner does through the app: change the config (as the controls do), train, check an
// answer (the checker's own expected value typed back), run the gradient check at some eps.
struct Learner {
  Session& s;
  ExerciseContext& x;
  void set(const std::function<void(Config&)>& edit) {
    Config c = s.config();
    edit(c);
    s.set_config(c);
  }
  void train(int n) {
    s.step(n);
    if (s.diverged() && !x.diverged) {
      x.diverged = true;
      x.diverged_config = s.config();
    }
  }
  void check(CheckQuantity q, int layer, int i, int j) {
    CheckQuestion question;
    question.quantity = q;
    question.layer = layer;
    question.i = i;
    question.j = j;
    question.value = 0;
    question.value = check_answer(s, 0, question).expected;  // worked out right
    const CheckResult r = check_answer(s, 0, question);
    REQUIRE(r.correct);
    x.checks.push_back({q, layer, i, j, r.correct, s.config().regularization.kind,
                        s.config().regularization.rate});
  }
  void gradcheck(double eps) {
    Matrix X;
    Vector y;
    session_batch(s, X, y);
    const GradCheckResult r = gradient_check(
        s.network(), [&](bool g) { return g ? s.loss_and_gradients(X, y) : s.loss_only(X, y); },
        eps);
    x.gradchecks.push_back({eps, r.max_relative_error});
  }
};

using Solution = std::function<void(Learner&)>;

const std::map<std::string, Solution>& solutions() {
  static const std::map<std::string, Solution> m = {
      {"s1_1_fit_line", [](Learner& l) { l.train(1000); }},
      {"s1_1_xor_needs_hidden",
       [](Learner& l) {
         l.set([](Config& c) { c.data.dataset = DatasetKind::Xor; });
         l.train(500);
       }},
      {"s1_2_fewest_units",
       [](Learner& l) {
         l.set([](Config& c) {
           c.network.hidden = {3};
           c.optimizer.learning_rate = 1.0;
         });
         l.train(3000);
       }},
      {"s1_2_features_instead",
       [](Learner& l) {
         l.set([](Config& c) {
           c.network.hidden = {};
           c.features = {Feature::X1, Feature::X2, Feature::X1Sq, Feature::X2Sq};
         });
         l.train(1000);
       }},
      {"s1_3_clear_margin", [](Learner& l) { l.train(1000); }},
      {"s1_3_wider_margin",
       [](Learner& l) {
         l.set([](Config& c) { c.margin = 2; });
         l.train(1500);
       }},
      {"s1_5_delta_by_hand", [](Learner& l) { l.check(CheckQuantity::Delta, 2, 1, 1); }},
      {"s1_5_w14_by_hand", [](Learner& l) { l.check(CheckQuantity::Dw, 1, 1, 4); }},
      {"s1_5_zero_loss", [](Learner& l) { l.train(3000); }},
      {"s1_6_matrix_entry", [](Learner& l) { l.check(CheckQuantity::Dw, 2, 3, 4); }},
      {"s1_6_sgd_step", [](Learner& l) { l.check(CheckQuantity::Update, 1, 2, 1); }},
      {"s2_1_best_eps",
       [](Learner& l) {
         for (double eps : {1e-2, 1e-5, 1e-8}) l.gradcheck(eps);
       }},
      {"s2_1_kink",
       [](Learner& l) {
         l.set([](Config& c) { c.network.activation = {Activation::Relu}; });
         // Train until a check at eps = 1e-4 sees a kink (a z within eps of 0 for a sample).
         for (int k = 0; k < 200 && !(l.x.gradchecks.size() &&
                                      l.x.gradchecks.back().max_relative_error > 1e-4);
              ++k) {
           l.train(5);
           l.gradcheck(1e-4);
         }
       }},
      {"s2_2_small_weights", [](Learner& l) { l.train(2000); }},
      {"s2_2_biases_free",
       [](Learner& l) {
         l.set([](Config& c) { c.regularization.rate = 0.1; });
         l.train(1000);
       }},
      {"s2_3_half_dropped",
       [](Learner& l) {
         l.set([](Config& c) { c.dropout_keep = 0.5; });
         l.train(1500);
       }},
      {"s2_4_dead_relu",
       [](Learner& l) {
         l.set([](Config& c) {
           c.network.activation = {Activation::Relu};
           c.optimizer.learning_rate = 3;
         });
         l.train(30);
       }},
      {"s2_4_tanh",
       [](Learner& l) {
         l.set([](Config& c) { c.network.activation = {Activation::Tanh}; });
         l.train(2000);
       }},
      {"s2_5_centre_only",
       [](Learner& l) { l.set([](Config& c) { c.preprocess = Preprocess::Mean; }); }},
      {"s2_5_keep_tilt",
       [](Learner& l) { l.set([](Config& c) { c.preprocess = Preprocess::Standardize; }); }},
      {"s2_6_vanish",
       [](Learner& l) {
         l.set([](Config& c) {
           c.network.init = Init::Normal;
           c.network.init_sigma = 0.01;
         });
         l.train(1);
       }},
      {"s2_6_deep_learns",
       [](Learner& l) {
         l.set([](Config& c) {
           c.optimizer.kind = OptimizerKind::Adam;
           c.optimizer.learning_rate = 0.01;
         });
         l.train(1500);
       }},
      {"s2_7_diverge_fix",
       [](Learner& l) {
         l.set([](Config& c) {
           c.loss = Loss::Mse;
           c.network.activation = {Activation::Linear};
           c.schedule = ScheduleConfig{};
           c.optimizer.learning_rate = 1.0;
         });
         l.train(200);
         REQUIRE(l.s.diverged());
         l.set([](Config& c) { c.optimizer.learning_rate = 0.01; });
         l.train(200);
       }},
      {"s2_7_exponential",
       [](Learner& l) {
         l.set([](Config& c) {
           c.schedule.kind = ScheduleKind::Exponential;
           c.schedule.k = 0.001;
         });
         l.train(2000);
       }},
      {"s2_8_fast",
       [](Learner& l) {
         l.set([](Config& c) { c.optimizer.learning_rate = 0.1; });
         l.train(500);
       }},
      {"s2_9_spiral", [](Learner& l) { l.train(3000); }},
      {"s3_1_delta_hidden", [](Learner& l) { l.check(CheckQuantity::Delta, 2, 2, 1); }},
      {"s3_1_bias", [](Learner& l) { l.check(CheckQuantity::Db, 1, 3, 1); }},
      {"s3_2_two_branches", [](Learner& l) { l.check(CheckQuantity::Dw, 1, 1, 2); }},
  };
  return m;
}

}  // namespace

TEST_CASE("exercises: at least 24, one to three per lesson, unique ids", "[exercises]") {
  const std::vector<Exercise>& all = all_exercises();
  CHECK(all.size() >= 24);
  std::set<std::string> ids;
  for (const Exercise& e : all) {
    CHECK(ids.insert(e.id).second);
    CHECK(find_lesson(e.lesson).has_value());
    CHECK_FALSE(e.goal.empty());
    CHECK(find_exercise(e.id) == &e);
  }
  for (const Lesson& l : all_lessons()) {
    const std::size_t n = lesson_exercises(l.id).size();
    INFO(l.id);
    CHECK(n >= 1);
    CHECK(n <= 3);
  }
  CHECK(find_exercise("no_such_exercise") == nullptr);
}

TEST_CASE("exercises: every goal fails at the start and a scripted solution passes it",
          "[exercises][session]") {
  for (const Exercise& e : all_exercises()) {
    INFO(e.id);
    const auto it = solutions().find(e.id);
    REQUIRE(it != solutions().end());
    Session s(find_lesson(e.lesson)->config);
    ExerciseContext x;
    CHECK_FALSE(e.met(s, x));
    Learner learner{s, x};
    it->second(learner);
    CHECK(e.met(s, x));
  }
}

TEST_CASE("exercises: config_difference counts schema fields", "[exercises]") {
  Config a, b;
  CHECK(config_difference(a, b) == 0);
  b.optimizer.learning_rate = 0.5;
  CHECK(config_difference(a, b) == 1);
  b.network.hidden = {3};
  b.seed = 7;
  CHECK(config_difference(a, b) == 3);
}

TEST_CASE("docs/lessons.md lists every exercise with its goal", "[exercises]") {
  std::ifstream f(std::string(NNPLAY_SOURCE_DIR) + "/docs/lessons.md");
  REQUIRE(f.good());
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string doc = ss.str();
  for (const Exercise& e : all_exercises()) {
    INFO(e.id);
    CHECK(doc.find("| `" + e.id + "` | " + e.goal + " |") != std::string::npos);
  }
}
