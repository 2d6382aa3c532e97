// SVG charts with fixed geometry and number formatting, so the same data gives the same bytes.
#include "charts.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "qda/strings.hpp"

namespace qda::report {

namespace {

constexpr int kLabelWidth = 290;  // room for the row labels
constexpr int kRowHeight = 26;

std::string open_svg(const std::string& id, int width, int height, const std::string& title, const std::string& description) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{3}\" aria-describedby=\"{2}-desc\">\n<title>{3}</title>\n<desc id=\"{2}-desc\">{4}</desc>\n"
      "<g font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n",
      width, height, id, xml_escape(title), xml_escape(description));
}

// Labels longer than the label column are shortened for the chart (the table below has them whole).
std::string fit(const std::string& label, std::size_t characters) {
  if (label.size() <= characters) return label;
  std::size_t cut = characters - 1;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
  return label.substr(0, cut) + "…";
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

Chart level_chart(const std::string& id, const std::string& title, const std::vector<Bar>& bars, int lowest, int highest) {
  const int plot = 300, step = plot / std::max(1, highest);
  const int width = kLabelWidth + plot + 130, height = 30 + kRowHeight * static_cast<int>(bars.size()) + 24;
  std::vector<std::string> alternative;
  for (const auto& bar : bars) alternative.push_back(bar.label + ": " + bar.value_label);
  Chart chart{{}, join(alternative, "; ")};
  std::string& svg = chart.svg;
  svg = open_svg(id, width, height, title, chart.description);
  for (int level = lowest; level <= highest; ++level) {  // a grid line and label per level
    const int x = kLabelWidth + level * step;
    svg += fmt::format("<line x1=\"{0}\" y1=\"20\" x2=\"{0}\" y2=\"{1}\" stroke=\"#bbb\" stroke-dasharray=\"2,3\"/>\n", x, height - 20);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x, height - 6, level);
  }
  for (std::size_t k = 0; k < bars.size(); ++k) {
    const int y = 24 + kRowHeight * static_cast<int>(k);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLabelWidth - 8, y + 15, xml_escape(fit(bars[k].label, 38)));
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"#4d4d4d\"/>\n", kLabelWidth, y + 2,
                       std::max(0, bars[k].value) * step);
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", kLabelWidth + std::max(0, bars[k].value) * step + 6, y + 15,
                       xml_escape(bars[k].value_label));
  }
  svg += "</g>\n</svg>";
  return chart;
}

Chart matrix_chart(const std::string& id, const std::string& title, const std::vector<std::string>& columns,
                   const std::vector<MatrixRow>& rows) {
  const int cell = 34, mark_width = 170;
  const int width = kLabelWidth + cell * static_cast<int>(columns.size()) + mark_width, height = 70 + cell * static_cast<int>(rows.size());
  std::vector<std::string> alternative;
  for (const auto& row : rows) {
    std::vector<std::string> said;
    for (std::size_t c = 0; c < columns.size(); ++c) said.push_back(columns[c] + " " + (row.cells[c].empty() ? "(not asked)" : row.cells[c]));
    alternative.push_back(fmt::format("{} ({}): {}", row.label, row.mark, join(said, ", ")));
  }
  Chart chart{{}, join(alternative, "; ")};
  std::string& svg = chart.svg;
  svg = open_svg(id, width, height, title, chart.description);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const int x = kLabelWidth + cell * static_cast<int>(c) + cell / 2;
    svg += fmt::format("<text x=\"{0}\" y=\"58\" transform=\"rotate(-45 {0} 58)\">{1}</text>\n", x, xml_escape(fit(columns[c], 12)));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const int y = 64 + cell * static_cast<int>(r);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLabelWidth - 8, y + cell / 2 + 4, xml_escape(fit(rows[r].label, 38)));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string& value = rows[r].cells[c];
      // Shades from dark (the most favourable stance) to light, and the letter in every cell: readable
      // in greyscale and without colour.
      const double shade = rows[r].shades[c];
      const int grey = static_cast<int>(std::lround(255 - shade * (255 - 0x2b)));
      const std::string fill = fmt::format("#{0:02x}{0:02x}{0:02x}", grey);
      const char* ink = shade > 0.6 ? "#ffffff" : "#000000";
      const int x = kLabelWidth + cell * static_cast<int>(c);
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#666\"{}/>\n", x, y, cell, cell, fill,
                         value.empty() ? " stroke-dasharray=\"3,2\"" : "");
      if (!value.empty()) {
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" font-weight=\"bold\">{}</text>\n", x + cell / 2,
                           y + cell / 2 + 4, ink, xml_escape(value));
      }
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", kLabelWidth + cell * static_cast<int>(columns.size()) + 8, y + cell / 2 + 4,
                       xml_escape(rows[r].mark));
  }
  svg += "</g>\n</svg>";
  return chart;
}

Chart interval_chart(const std::string& id, const std::string& title, const std::vector<Interval>& intervals,
                     const std::vector<double>& thresholds) {
  double low = 0;
  for (const auto& interval : intervals) {
    for (const auto& value : {interval.value, interval.lower}) {
      if (value) low = std::min(low, *value);
    }
  }
  // Down to a multiple of 0.2, and no lower than -1: an agreement.yaml claiming an alpha of -1e6 drew
  // a tick every 0.2 down to it (309 MB of SVG). A value past either end is drawn at that end.
  low = std::max(-1.0, std::floor(low * 5) / 5);
  const int plot = 320, width = kLabelWidth + plot + 80, height = 40 + kRowHeight * static_cast<int>(intervals.size()) + 24;
  const auto x_of = [&](double value) { return kLabelWidth + (std::clamp(value, low, 1.0) - low) / (1.0 - low) * plot; };
  std::vector<std::string> alternative;
  for (const auto& interval : intervals) {
    alternative.push_back(interval.label + ": " +
                          (interval.value ? fmt::format("{:.3f}", *interval.value) : std::string("undefined")) +
                          (interval.lower && interval.upper ? fmt::format(" ({:.3f} to {:.3f})", *interval.lower, *interval.upper) : ""));
  }
  Chart chart{{}, join(alternative, "; ")};
  std::string& svg = chart.svg;
  svg = open_svg(id, width, height, title, chart.description);
  for (double tick = low; tick <= 1.0 + 1e-9; tick += 0.2) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:.1f}</text>\n", x_of(tick), height - 6, tick);
  }
  for (const double threshold : thresholds) {
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"16\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"#000\" stroke-dasharray=\"5,3\"/>\n", x_of(threshold),
                       height - 20);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"12\" text-anchor=\"middle\">{:.3f}</text>\n", x_of(threshold), threshold);
  }
  for (std::size_t k = 0; k < intervals.size(); ++k) {
    const int y = 28 + kRowHeight * static_cast<int>(k) + 10;
    const Interval& interval = intervals[k];
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLabelWidth - 8, y + 4, xml_escape(fit(interval.label, 38)));
    if (interval.lower && interval.upper) {
      svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"3\"/>\n", x_of(*interval.lower),
                         y, x_of(*interval.upper), y);
    }
    if (interval.value) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{}\" r=\"5\" fill=\"#000\"/>\n", x_of(*interval.value), y);
    } else {
      svg += fmt::format("<text x=\"{}\" y=\"{}\">undefined</text>\n", kLabelWidth + 4, y + 4);
    }
  }
  svg += "</g>\n</svg>";
  return chart;
}

}  // namespace qda::report
