#include "connectors/email/memory_mailer.h"

namespace dagbok::email {

Status MemoryMailer::send(const MailMessage& message) {
  std::lock_guard<std::mutex> lock(mu_);
  ++attempts_;
  if (!failures_.empty()) {
    Error e = std::move(failures_.front());
    failures_.pop_front();
    return e;
  }
  sent_.push_back(message);
  return ok_status();
}

void MemoryMailer::fail_next(int count, const Error& error) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int i = 0; i < count; ++i) failures_.push_back(error);
}

std::vector<MailMessage> MemoryMailer::sent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sent_;
}

int MemoryMailer::attempts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return attempts_;
}

}  // namespace dagbok::email
