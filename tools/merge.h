// `telsim merge FILE...` (SPEC TQ-5): the shares a batch system's machines printed with
// `telsim traffic --shard K/N --csv` combined into the result one unsharded run prints. An
// unsharded run with replications or sweep points goes through the same function with its own
// children's rows, so the two are the same bytes by construction (and a test checks it).
#pragma once
#include <string>
#include <vector>

namespace telsim {

struct CsvText {
  std::string file;  // for FILE:LINE messages
  std::string text;  // the whole CSV, header included
};

// Header line and one result row per (sweep point, offered number), points in order, numbers in
// --offer order: counts summed over replications, shares and means averaged with the Student's t
// interval over replications (one replication: its own batch-means interval). Throws InputError
// for a file that is not a share of this version, rows of different studies (seed, calls,
// replications, offered load), a replication given twice, or one missing.
std::string merge_traffic_shares(const std::vector<CsvText>& shares);

}  // namespace telsim
