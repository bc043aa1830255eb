// Dataset CSV reader and writer (see csv.hpp for the format). The reader is strict about content
// (every error names its line, and column when there is one) but lenient about spreadsheet noise:
// BOM, CRLF, blank lines, spaces around fields.
#include "csv.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/text.hpp"

namespace nn {

namespace {

[[noreturn]] void fail(int line, int column, const std::string& msg) {
  std::string where = "line " + std::to_string(line);
  if (column > 0) where += ", column " + std::to_string(column);
  throw ConfigError("csv", where + ": " + msg);
}

std::string unquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return trim(s.substr(1, s.size() - 2));
  return s;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    size_t comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma == std::string::npos ? comma : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fields;
}

// Shows a field in a message without flooding it (short, printable UTF-8 whatever the bytes).
std::string quoted(const std::string& s) { return "'" + excerpt(s, 24) + "'"; }

const char* const kColumnNames[] = {"x1", "x2", "label", "split"};

double parse_number(const std::string& field, int line, int column) {
  const char* name = kColumnNames[column - 1];
  if (field.empty()) fail(line, column, std::string("empty ") + name + " value");
  const std::string s = unquote(field);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size())
    fail(line, column, quoted(field) + " is not a number (" + name + ")");
  if (!std::isfinite(v))
    fail(line, column, quoted(field) + " is not a finite number (" + name + ")");
  if (std::fabs(v) > kCsvMaxAbs)
    fail(line, column, std::string(name) + " = " + quoted(field) + " is outside -1000..1000");
  return v;
}

int parse_split(const std::string& field, int line) {
  const std::string s = lower(unquote(field));
  if (s.empty()) return -1;
  if (s == "train" || s == "0") return 0;
  if (s == "test" || s == "1") return 1;
  fail(line, 4, "split must be train, test, 0 or 1 (or empty), got " + quoted(field));
}

// A header row starts with a name, not a number.
bool looks_like_header(const std::vector<std::string>& fields) {
  const std::string first = unquote(fields[0]);
  return !first.empty() && (std::isalpha(static_cast<unsigned char>(first[0])) || first[0] == '_');
}

}  // namespace

CsvData read_points_csv(const std::string& text) {
  size_t pos = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // UTF-8 byte-order mark

  std::vector<double> x1, x2, label;
  std::vector<int> split, label_line;
  int columns = 0;  // 3 or 4, fixed by the header or the first data row
  int line_no = 0;
  int last_line = 1;  // last non-blank line, for "no data rows"
  bool seen_row = false;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    last_line = line_no;

    // Count before splitting: a line of more than 4 fields is refused anyway, and a 10 MB line of
    // commas would otherwise become ten million strings.
    const auto commas = static_cast<std::size_t>(std::count(line.begin(), line.end(), ','));
    const int count = static_cast<int>(std::min<std::size_t>(commas + 1, INT_MAX));
    std::vector<std::string> fields;
    if (count <= 4) fields = split_fields(line);
    if (!seen_row) {
      seen_row = true;
      if (count != 3 && count != 4)
        fail(line_no, 0,
             "expected 3 columns (x1,x2,label) or 4 (x1,x2,label,split), found " +
                 std::to_string(count));
      columns = count;
      if (looks_like_header(fields)) {
        for (int c = 0; c < count; ++c) {
          if (lower(unquote(fields[c])) != kColumnNames[c])
            fail(line_no, c + 1,
                 "header must be x1,x2,label or x1,x2,label,split; column " +
                     std::to_string(c + 1) + " is " + quoted(fields[c]) + ", expected '" +
                     kColumnNames[c] + "'");
        }
        continue;
      }
    }
    if (count != columns)
      fail(line_no, 0,
           "expected " + std::to_string(columns) +
               (columns == 3 ? " columns (x1,x2,label)" : " columns (x1,x2,label,split)") +
               " like the first row, found " + std::to_string(count));
    if (static_cast<int>(x1.size()) >= kCsvMaxRows) fail(line_no, 0, "more than 100000 data rows");
    x1.push_back(parse_number(fields[0], line_no, 1));
    x2.push_back(parse_number(fields[1], line_no, 2));
    label.push_back(parse_number(fields[2], line_no, 3));
    label_line.push_back(line_no);
    split.push_back(columns == 4 ? parse_split(fields[3], line_no) : -1);
  }
  if (x1.empty())
    fail(last_line, 0,
         seen_row ? "no data rows after the header (expected x1,x2,label[,split] rows)"
                  : "empty file (expected rows of x1,x2,label[,split])");

  // Classification if every label is an integer; then they must be class indices 0..4.
  bool integral = true;
  for (double v : label) integral = integral && v == std::floor(v);
  int classes = 0;
  if (integral) {
    int max_label = 0;
    for (size_t i = 0; i < label.size(); ++i) {
      if (label[i] < 0 || label[i] >= kCsvMaxClasses)
        fail(label_line[i], 3,
             "class label " + std::to_string(static_cast<long long>(label[i])) +
                 " is not in 0..4 (integer labels mean classification with classes 0..4; "
                 "-1/+1 labels must be written as 0/1; use non-integer labels for regression)");
      max_label = std::max(max_label, static_cast<int>(label[i]));
    }
    classes = std::max(2, max_label + 1);
  }

  CsvData out;
  const auto n = static_cast<Eigen::Index>(x1.size());
  out.points.X.resize(2, n);
  out.points.y.resize(n);
  out.points.classes = classes;
  for (Eigen::Index j = 0; j < n; ++j) {
    out.points.X(0, j) = x1[j];
    out.points.X(1, j) = x2[j];
    out.points.y(j) = label[j];
  }
  out.split = std::move(split);
  return out;
}

std::string write_points_csv(const Split& split) {
  std::string out = "x1,x2,label,split\n";
  char buf[128];
  for (int side = 0; side < 2; ++side) {
    const Points& p = side == 0 ? split.train : split.test;
    if (p.X.cols() > 0 && p.X.rows() != 2)
      throw ConfigError("csv", "only 2D points (x1, x2) can be written as CSV; this set has " +
                                   std::to_string(p.X.rows()) + " dimensions");
    for (Eigen::Index j = 0; j < p.X.cols(); ++j) {
      std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g,%s\n", p.X(0, j), p.X(1, j), p.y(j),
                    side == 0 ? "train" : "test");
      out += buf;
    }
  }
  return out;
}

std::string csv_number(double v) {
  if (std::isnan(v)) return "nan";
  char buf[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace nn
