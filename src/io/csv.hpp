// Dataset CSV: the reader behind `nnplay-cli train --data` and the app's CSV import, and the writer
// behind `nnplay-cli export`. Columns x1, x2, label and an optional split (train/test or 0/1);
// every rejected input throws nn::ConfigError("csv", "line L[, column C]: ...").
#pragma once
#include <string>
#include <vector>

#include "core/dataset.hpp"

namespace nn {

struct CsvData {
  Points points;  // X (2, N) positions; y labels; classes = max label + 1 (>= 2), 0 = regression
  std::vector<int>
      split;  // per point: 0 train, 1 test, -1 unspecified (no split column or empty cell)
};

// Limits of the reader (also named in its error messages).
constexpr int kCsvMaxRows = 100000;
constexpr double kCsvMaxAbs = 1000.0;
constexpr int kCsvMaxClasses = 5;

// Parses the text of a CSV file. Format:
// - comma separated; an optional header row "x1,x2,label" or "x1,x2,label,split" (names are
//   case-insensitive); without a header, the first row decides whether a split column exists;
// - UTF-8 BOM, CRLF line ends, blank lines and spaces around fields are tolerated;
// - every value is a finite number with |value| <= 1000; split is train/test/0/1 or empty;
// - labels: if every label is an integer, the set is classification and labels must be in 0..4
//   (classes = max label + 1, at least 2); if any label has a fractional part, it is regression
//   (classes = 0) and labels are used as real targets.
CsvData read_points_csv(const std::string& text);

// Writes x1,x2,label,split (train rows first, then test) with %.17g, so reading it back gives the
// same doubles. Only 2D points (throws ConfigError for ner_window's 20-d windows).
std::string write_points_csv(const Split& split);

// The shortest %g form that reads back as the same double (0.536, not 0.53600000000000003);
// "nan" for NaN. The loss-history CSVs of nnplay-cli and the app use it.
std::string csv_number(double v);

}  // namespace nn
