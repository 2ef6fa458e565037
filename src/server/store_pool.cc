#include "server/store_pool.h"

namespace dagbok::server {

Result<StorePool::Lease> StorePool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Store> s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(s));
    }
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Store> s, factory_());
  return Lease(*this, std::move(s));
}

void StorePool::give_back(std::unique_ptr<Store> store) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(store));
}

}  // namespace dagbok::server
