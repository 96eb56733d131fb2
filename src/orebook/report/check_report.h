#pragma once
// Output of `orebook check`: each check with its status, the figures involved
// and their positions, the formula, the computed and printed intervals and
// the gap; a summary count (docs/cli.md). With `show`, first what was read:
// every table with its columns and rows, the item each row was identified
// as, and every line skipped with the reason (docs/check.md).
//
// Written as it goes, part by part of a long text (check::parts_of), so that
// a file of many megabytes needs memory for one part, not for all of its
// checks: JSON is streamed element by element in the layout a whole
// document would have.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "orebook/check/relations.h"
#include "orebook/report/render.h"

namespace orebook::report {

class CheckWriter {
 public:
  CheckWriter(std::ostream& out, std::string file, Format format, bool show);
  // With `show`: what was read of one part (all parts first, in order).
  void document(const check::Release& part);
  // The checks of one part (after every part's document).
  void checks(const std::vector<check::Check>& checks);
  // The summary; the writer is done.
  void finish();
  bool failed() const { return counts_[1] > 0; }

 private:
  void end_document();
  std::ostream& out_;
  std::string file_;
  Format format_;
  bool show_;
  bool document_open_ = false, document_done_ = false, checks_open_ = false;
  std::size_t tables_ = 0, rows_ = 0, figures_ = 0, sentences_ = 0, skipped_lines_ = 0;
  std::size_t counts_[3] = {0, 0, 0};
  std::size_t checks_written_ = 0, tables_written_ = 0;
  std::vector<check::Skipped> skipped_;  // the first check::kMaxSkippedListed
};

// The whole output for one release in memory (tests, small files).
std::string render_checks(const std::string& file, const check::Release& release,
                          const std::vector<check::Check>& checks, Format format, bool show);

}  // namespace orebook::report
