// MemoryMailer: a Mailer that keeps what it is given, for tests of the code
// above the mail server (the export engine, the CLI's one-off export).
//
// It can be told to fail the next sends, the way a real server would:
//
//   MemoryMailer mailer;
//   mailer.fail_next(2, unavailable("451 4.3.0 try again"));
//   engine.run(mailer);            // two attempts fail, the third is kept
//   mailer.sent().size();          // 1
//
// Thread-safe, so several workers can share one.
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "connectors/email/mailer.h"

namespace dagbok::email {

class MemoryMailer final : public Mailer {
 public:
  Status send(const MailMessage& message) override;

  // The next `count` sends return `error` (and keep nothing).
  void fail_next(int count, const Error& error);

  std::vector<MailMessage> sent() const;
  int attempts() const;

 private:
  mutable std::mutex mu_;
  std::vector<MailMessage> sent_;
  std::deque<Error> failures_;
  int attempts_ = 0;
};

}  // namespace dagbok::email
