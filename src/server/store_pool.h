// StorePool: a Store connection per request. The SQLite store is one
// connection and its transactions must not interleave, so each request
// borrows a connection of its own and gives it back when done; SQLite's WAL
// mode and busy timeout let the connections work side by side.
//
//   StorePool pool([&] { return open_store(db_path); });
//   ASSIGN_OR_RETURN(StorePool::Lease store, pool.acquire());
//   store->companies();
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace dagbok::server {

class StorePool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Store>>()>;
  explicit StorePool(Factory factory, size_t max_idle = 16) : factory_(std::move(factory)), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<Store> store) : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& o) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (store_) pool_->give_back(std::move(store_));
    }
    Store& operator*() { return *store_; }
    Store* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Store> store);

  Factory factory_;
  size_t max_idle_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace dagbok::server
