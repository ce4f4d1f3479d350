// "Did you mean": the known word closest to a misspelt one, for error messages about actions,
// events and options. Plain string work, no I/O.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace telsim {

// Edits (insert, delete, substitute, swap two neighbours) turning a into b.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a slip (at most a third of the
// word's length in edits, at least one), else "". Ties go to the first candidate.
std::string closest_word(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'call'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace telsim
