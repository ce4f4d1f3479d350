// Combining traffic shares. Rows are grouped by (sweep point, offered number) and, inside a group,
// taken in replication order, so the sums and means (floating point) come out the same bytes
// whatever order the shares were given in or the children finished in.
#include "tools/merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "reports/interval.h"
#include "sim/scenario.h"
#include "tools/formula_fit.h"
#include "tools/traffic_table.h"

namespace telsim {

namespace {

long positive(const std::string& file, const TrafficCsvRow& row, int column) {
  const std::string& text = row.cells[static_cast<size_t>(column)];
  bool digits = !text.empty() && text.size() < 10 && text.find_first_not_of("0123456789") == std::string::npos;
  long v = digits ? std::stol(text) : 0;
  if (v < 1)
    throw InputError(file, row.line, std::string(traffic_columns()[static_cast<size_t>(column)].name) +
                                         " should be a whole number >= 1, got '" + text + "'");
  return v;
}

struct Where {
  std::string file;
  int line = 0;
  std::string at() const { return file + ":" + std::to_string(line); }
};

struct Group {
  int point = 0;
  int order = 0;  // the number's place in --offer order
  std::map<long, std::pair<const TrafficCsvRow*, Where>> by_replication;
};

}  // namespace

std::string merge_traffic_shares(const std::vector<CsvText>& shares) {
  const auto& cols = traffic_columns();
  const int c_number = traffic_column("number"), c_point = traffic_column("point"),
            c_points = traffic_column("points"), c_reps = traffic_column("replications"),
            c_rep = traffic_column("replication");
  if (shares.empty()) throw std::invalid_argument("merge: no shares");
  std::vector<std::vector<TrafficCsvRow>> files;
  for (const CsvText& s : shares) files.push_back(read_traffic_csv(s.file, s.text));

  std::map<std::pair<int, std::string>, Group> groups;
  std::vector<std::string> same(cols.size());  // the study's settings, from the first row
  Where first;
  long replications = 0;
  for (size_t f = 0; f < files.size(); ++f) {
    const std::string& file = shares[f].file;
    std::map<std::pair<int, long>, int> place;  // (point, replication) -> rows seen: the number's order
    for (const TrafficCsvRow& row : files[f]) {
      Where here{file, row.line};
      if (row.cells[static_cast<size_t>(c_rep)].empty())
        throw InputError(file, row.line,
                         "a result row, not a share: merge the outputs of `telsim traffic --shard K/N --csv`");
      if (first.line == 0) {
        first = here;
        for (size_t c = 0; c < cols.size(); ++c)
          if (cols[c].merge == TrafficColumn::same || static_cast<int>(c) == c_reps) same[c] = row.cells[c];
        replications = positive(file, row, c_reps);
      }
      for (size_t c = 0; c < cols.size(); ++c)
        if ((cols[c].merge == TrafficColumn::same || static_cast<int>(c) == c_reps) && row.cells[c] != same[c])
          throw InputError(file, row.line, std::string(cols[c].name) + " " + row.cells[c] + " here but " + same[c] +
                                               " at " + first.at() + ": shares of different studies");
      long point = positive(file, row, c_point), rep = positive(file, row, c_rep);
      long points = positive(file, row, c_points);
      if (point > points || rep > replications)
        throw InputError(file, row.line, "point " + std::to_string(point) + " of " + std::to_string(points) +
                                             ", replication " + std::to_string(rep) + " of " +
                                             std::to_string(replications) + ": out of range");
      const std::string& number = row.cells[static_cast<size_t>(c_number)];
      int order = place[{static_cast<int>(point), rep}]++;
      auto [it, fresh] = groups.try_emplace({static_cast<int>(point), number});
      Group& g = it->second;
      if (fresh) {
        g.point = static_cast<int>(point);
        g.order = order;
      } else {
        const auto& [other, where] = g.by_replication.begin()->second;
        for (size_t c = 0; c < cols.size(); ++c)
          if (cols[c].merge == TrafficColumn::key && row.cells[c] != other->cells[c])
            throw InputError(file, row.line, std::string(cols[c].name) + " " + row.cells[c] + " here but " +
                                                 other->cells[c] + " at " + where.at() + " for the same point and number");
      }
      auto [dup, inserted] = g.by_replication.try_emplace(rep, &row, here);
      if (!inserted)
        throw InputError(file, row.line, "replication " + std::to_string(rep) + " of point " + std::to_string(point) +
                                             ", number " + number + " is also at " + dup->second.second.at() +
                                             ": a share given twice?");
    }
  }
  if (groups.empty()) throw InputError(shares.front().file, 1, "no rows: every share is empty");

  // Complete: every point of the study, every number at each, every replication of each.
  const long points = std::stol(same[static_cast<size_t>(c_points)]);
  std::set<std::string> numbers;
  for (const auto& [key, g] : groups) numbers.insert(key.second);
  for (long p = 1; p <= points; ++p)
    for (const std::string& n : numbers) {
      auto it = groups.find({static_cast<int>(p), n});
      long have = it == groups.end() ? 0 : static_cast<long>(it->second.by_replication.size());
      if (have != replications) {
        std::string missing;
        for (long r = 1, shown = 0; r <= replications && shown < 5; ++r)
          if (it == groups.end() || !it->second.by_replication.count(r)) {
            missing += (missing.empty() ? "" : ", ") + std::to_string(r);
            ++shown;
          }
        throw InputError(first.file, first.line,
                         "point " + std::to_string(p) + ", number " + n + ": replication " + missing + " of " +
                             std::to_string(replications) + " missing: merge every share of the study");
      }
    }

  std::vector<const Group*> ordered;
  for (const auto& [key, g] : groups) ordered.push_back(&g);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Group* a, const Group* b) {
    return a->point != b->point ? a->point < b->point : a->order < b->order;
  });
  std::string out = traffic_csv_header() + "\n";
  for (const Group* g : ordered) {
    std::vector<const TrafficCsvRow*> rows;
    std::vector<const Where*> wheres;
    for (const auto& [rep, entry] : g->by_replication) {
      rows.push_back(entry.first);
      wheres.push_back(&entry.second);
    }
    auto values = [&](int column) {
      std::vector<double> v;
      for (size_t i = 0; i < rows.size(); ++i) {
        const std::string& cell = rows[i]->cells[static_cast<size_t>(column)];
        if (cell.empty()) continue;
        try {
          v.push_back(std::stod(cell));
        } catch (const std::exception&) {
          throw InputError(wheres[i]->file, wheres[i]->line,
                           std::string(cols[static_cast<size_t>(column)].name) + " is not a number: '" + cell + "'");
        }
      }
      return v;
    };
    std::string line;
    for (size_t c = 0; c < cols.size(); ++c) {
      const TrafficColumn& col = cols[c];
      std::string cell;
      switch (col.merge) {
        case TrafficColumn::key:
        case TrafficColumn::same:
          cell = rows.front()->cells[c];
          break;
        case TrafficColumn::sum: {
          unsigned long long total = 0;
          for (size_t i = 0; i < rows.size(); ++i) {
            const std::string& t = rows[i]->cells[c];
            if (t.empty() || t.size() > 19 || t.find_first_not_of("0123456789") != std::string::npos)
              throw InputError(wheres[i]->file, wheres[i]->line,
                               std::string(col.name) + " is not a count: '" + t + "'");
            total += std::stoull(t);
          }
          cell = std::to_string(total);
          break;
        }
        case TrafficColumn::mean:
          if (rows.size() == 1) {
            cell = rows.front()->cells[c];
          } else {
            std::vector<double> v = values(static_cast<int>(c));
            cell = v.empty() ? "" : fixed_decimals(mean_ci95(v).mean, col.decimals);
          }
          break;
        case TrafficColumn::ci:
          if (rows.size() == 1) {
            cell = rows.front()->cells[c];
          } else {
            cell = fixed_decimals(mean_ci95(values(traffic_column(col.of))).half_width, col.decimals);
          }
          break;
        case TrafficColumn::z:
          if (rows.size() == 1) {
            cell = rows.front()->cells[c];
          } else {
            std::vector<double> v = values(traffic_column(col.of));
            const std::string& f = rows.front()->cells[static_cast<size_t>(traffic_column(col.formula))];
            Interval i = mean_ci95(v);
            cell = f.empty() || v.empty() ? "" : fixed_decimals(z_score(i.mean, std::stod(f), i.half_width,
                                                                        static_cast<int>(v.size()) - 1), col.decimals);
          }
          break;
        case TrafficColumn::replications:
          cell = std::to_string(rows.size());
          break;
        case TrafficColumn::replication:
          break;
      }
      line += (c ? "," : "") + cell;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace telsim
