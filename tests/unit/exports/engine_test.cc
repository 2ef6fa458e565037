// The export engine on a real SQLite store with an in-memory mailer and a
// fixed clock: the outbox row written by the close, exactly-once delivery,
// retries with backoff, caps, pre-flight, schedules, manual export, re-send,
// leases between workers, notifications.
#include "exports/engine.h"

#include <gtest/gtest.h>

#include "connectors/email/email_connector.h"
#include "connectors/email/memory_mailer.h"
#include "exports/integrations.h"
#include "exports/schedule.h"
#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "support/printers.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using email::MemoryMailer;

Instant at(const char* s) { return *Instant::parse_rfc3339(s); }
Date day(const char* s) { return *Date::parse(s); }

std::string receipt(const std::string& id, const std::string& time, const std::string& method = "card") {
  return R"({"id":")" + id + R"(","register":"K1","department":"main","time":")" + time +
         R"(","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"100.00"}],"payments":[{"method":")" +
         method + R"(","amount":"100.00"}]})";
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *open_store(dir_.file("books.db"));
    NewCompany spec;
    spec.name = "Testbutiken AB";
    company_ = *create_company(*store_, spec);
    ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kProductGroup, "Mat", "", "3002",
                                                   Date::from_ymd(2000, 1, 1)}})
                    .ok());
    registry_.add(std::make_unique<email::EmailConnector>([this]() -> Result<email::Mailer*> { return &mailer_; },
                                                          email::MailAddress{"dagbok@example.se", ""}));
  }

  void activate(Schedule schedule = {}, const char* from = "2026-11-01") {
    IntegrationSpec spec;
    spec.kind = "email";
    spec.from_date = day(from);
    spec.schedule = schedule;
    spec.max_attempts = 3;
    spec.settings_json = R"({"address":"bokforing@example.se","format":"sie4"})";
    Result<ActivationResult> r = activate_integration(*store_, company_, spec, clock_);
    ASSERT_TRUE(r.ok()) << r.error().message();
  }

  void sell_and_close(const char* d, const char* method = "card") {
    const std::string id = std::string("R-") + d + "-" + method;
    std::vector<ReceiptSource> items = {{"t", receipt(id, std::string(d) + "T12:00:00+01:00", method)}};
    Result<IntakeSummary> s = import_receipts(*store_, company_, items);
    ASSERT_TRUE(s.ok()) << s.error().message();
    CloseRequest req;
    req.day = day(d);
    Result<CloseOutcome> c = close_day(*store_, company_, req, clock_);
    ASSERT_TRUE(c.ok()) << c.error().message();
  }

  RunStats run(const std::string& worker = "w1") {
    EngineOptions o;
    o.worker_id = worker;
    ExportEngine engine(*store_, registry_, clock_, o);
    Result<RunStats> r = engine.run_once();
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : RunStats{};
  }

  std::vector<Delivery> deliveries() { return *store_->deliveries(company_.id, std::nullopt, 1000); }
  std::vector<Notification> open_notifications() { return *store_->notifications(company_.id, true); }

  testing_support::TempDir dir_;
  std::unique_ptr<Store> store_;
  Company company_;
  FixedClock clock_{at("2026-11-23T08:00:00+01:00")};
  MemoryMailer mailer_;
  DestinationRegistry registry_;
};

TEST_F(EngineTest, CloseQueuesOneDeliveryAndTheEngineSendsItOnce) {
  activate();
  sell_and_close("2026-11-20");
  ASSERT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(deliveries()[0].status, DeliveryStatus::kPending);
  EXPECT_EQ(run().delivered, 1);
  EXPECT_EQ(run().delivered, 0);
  ASSERT_EQ(mailer_.sent().size(), 1u);
  const std::string data = mailer_.sent()[0].data;
  EXPECT_NE(data.find("dagbok-testbutiken-ab-2026-11-20.se"), std::string::npos);
  EXPECT_NE(data.find("X-Dagbok-Delivery: dest1/z1"), std::string::npos);
  EXPECT_EQ(mailer_.sent()[0].recipients, std::vector<std::string>{"bokforing@example.se"});
  EXPECT_EQ(deliveries()[0].status, DeliveryStatus::kDelivered);
  const std::vector<DeliveryAttempt> log = *store_->attempts(company_.id, 10);
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0].result, "delivered");
  EXPECT_EQ(log.back().result, "activated");
}

TEST_F(EngineTest, DaysBeforeTheStartDateAreNotSentAndClosedDaysAfterItAreQueuedOnActivation) {
  sell_and_close("2026-10-30");
  sell_and_close("2026-11-02");
  activate({}, "2026-11-01");
  ASSERT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(deliveries()[0].business_date, day("2026-11-02"));
}

TEST_F(EngineTest, TransientFailuresAreRetriedWithBackoffThenDelivered) {
  activate();
  sell_and_close("2026-11-20");
  mailer_.fail_next(1, unavailable("421 try again later"));
  RunStats s = run();
  EXPECT_EQ(s.retrying, 1);
  const Delivery d = deliveries()[0];
  EXPECT_EQ(d.status, DeliveryStatus::kPending);
  EXPECT_EQ(d.attempts, 1);
  const int64_t wait = d.next_attempt_at.unix_seconds() - clock_.now().unix_seconds();
  EXPECT_GE(wait, 30);
  EXPECT_LE(wait, 90);
  EXPECT_EQ(run().delivered, 0);  // not due yet
  clock_.set(d.next_attempt_at);
  EXPECT_EQ(run().delivered, 1);
  EXPECT_EQ(mailer_.sent().size(), 1u);
}

TEST_F(EngineTest, RetryAfterIsHonoured) {
  activate();
  sell_and_close("2026-11-20");
  mailer_.fail_next(1, unavailable("429 slow down").with_retry_after(3600));
  run();
  EXPECT_GE(deliveries()[0].next_attempt_at.unix_seconds() - clock_.now().unix_seconds(), 3600);
}

TEST_F(EngineTest, TheCapTurnsTheRowFailedWithANotificationAndManualExportRevivesIt) {
  activate();
  sell_and_close("2026-11-20");
  mailer_.fail_next(3, unavailable("connection refused"));
  for (int i = 0; i < 3; ++i) {
    run();
    clock_.set(clock_.now().plus_seconds(7 * 3600));
  }
  EXPECT_EQ(deliveries()[0].status, DeliveryStatus::kFailed);
  ASSERT_EQ(open_notifications().size(), 1u);
  EXPECT_NE(open_notifications()[0].message.find("Manuell export"), std::string::npos);
  // The code and its parameters, for a page that words it in its own language.
  const Notification failed = open_notifications()[0];
  EXPECT_EQ(failed.code, kExportFailed);
  const nlohmann::json params = nlohmann::json::parse(failed.params_json);
  EXPECT_EQ(params["integration"], "email");
  EXPECT_EQ(params["day"], "2026-11-20");
  EXPECT_EQ(params["attempts"], 3);
  EXPECT_EQ(params["gave_up"], true);
  EXPECT_EQ(params["detail"], "connection refused");
  EXPECT_EQ(run().delivered, 0);
  Result<int> n = request_manual_export(*store_, company_, "email", clock_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(run().delivered, 1);
  EXPECT_TRUE(open_notifications().empty());
}

TEST_F(EngineTest, PermanentErrorsFailAtOnceAndNameTheFix) {
  activate();
  sell_and_close("2026-11-20");
  mailer_.fail_next(1, failed_precondition("550 mailbox unavailable: check the address under Integrationer"));
  EXPECT_EQ(run().failed, 1);
  EXPECT_EQ(mailer_.attempts(), 1);
  EXPECT_NE(open_notifications()[0].message.find("check the address"), std::string::npos);
  EXPECT_EQ(open_notifications()[0].code, kExportFailed);
  EXPECT_EQ(nlohmann::json::parse(open_notifications()[0].params_json)["gave_up"], false);
}

TEST_F(EngineTest, AMappingGapHoldsTheDeliveryWithOneNotificationUntilFixed) {
  activate();
  sell_and_close("2026-11-20", "Vipps");
  EXPECT_EQ(run().waiting, 1);
  clock_.set(clock_.now().plus_seconds(3600));
  EXPECT_EQ(run().waiting, 1);
  EXPECT_EQ(mailer_.attempts(), 0);
  ASSERT_EQ(open_notifications().size(), 1u);
  EXPECT_NE(open_notifications()[0].message.find("payment method 'Vipps' has no account"), std::string::npos);
  EXPECT_NE(open_notifications()[0].message.find("Redovisning"), std::string::npos);
  EXPECT_EQ(open_notifications()[0].code, kExportBlocked);
  const nlohmann::json params = nlohmann::json::parse(open_notifications()[0].params_json);
  EXPECT_EQ(params["integration"], "email");
  ASSERT_EQ(params["reasons"].size(), 1u);
  EXPECT_NE(params["reasons"][0].get<std::string>().find("Vipps"), std::string::npos);
  ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kPayment, "Vipps", "", "1580",
                                                 Date::from_ymd(2000, 1, 1)}})
                  .ok());
  ASSERT_TRUE(book_blocked_vouchers(*store_, company_, clock_).ok());
  clock_.set(clock_.now().plus_seconds(3600));
  EXPECT_EQ(run().delivered, 1);
  EXPECT_TRUE(open_notifications().empty());
}

TEST_F(EngineTest, APreflightFailureNamesTheMissingAddress) {
  activate();
  Destination d = *find_destination(*store_, company_, "email");
  d.settings_json = R"({"format":"sie4"})";
  ASSERT_TRUE(store_->save_destination(d).ok());
  sell_and_close("2026-11-20");
  EXPECT_EQ(run().waiting, 1);
  EXPECT_NE(open_notifications()[0].message.find("no e-mail address"), std::string::npos);
  EXPECT_EQ(open_notifications()[0].code, kExportCannotStart);
}

TEST_F(EngineTest, DailyScheduleWaitsForFiveInTheMorningAndCatchesUpAfterDowntime) {
  Schedule daily;
  daily.kind = Schedule::Kind::kDaily;
  activate(daily);
  sell_and_close("2026-11-20");  // at 2026-11-23 08:00
  EXPECT_EQ(run().skipped, 1);
  clock_.set(at("2026-11-24T04:59:59+01:00"));
  EXPECT_EQ(run().delivered, 0);
  // The server was down at 05:00 on the 24th and 25th; it comes back at noon on the 26th.
  clock_.set(at("2026-11-26T12:00:00+01:00"));
  EXPECT_EQ(run().delivered, 1);
  EXPECT_EQ(mailer_.sent().size(), 1u);
}

TEST_F(EngineTest, ResendIsExplicitAndLogged) {
  activate();
  sell_and_close("2026-11-20");
  run();
  Result<Delivery> r = resend_day(*store_, company_, "email", day("2026-11-20"), clock_);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(run().delivered, 1);
  ASSERT_EQ(mailer_.sent().size(), 2u);
  EXPECT_NE(mailer_.sent()[1].data.find("X-Dagbok-Delivery: dest1/z1/resend1"), std::string::npos);
  EXPECT_FALSE(resend_day(*store_, company_, "email", day("2026-11-21"), clock_).ok());
  bool logged = false;
  const std::vector<DeliveryAttempt> log = *store_->attempts(company_.id, 20);
  for (const DeliveryAttempt& a : log) logged |= a.result == "resend";
  EXPECT_TRUE(logged);
}

TEST_F(EngineTest, ALockedStartDateCannotChange) {
  IntegrationSpec spec;
  spec.kind = "email";
  spec.from_date = day("2026-11-01");
  spec.lock_from_date = true;
  spec.settings_json = R"({"address":"a@example.se"})";
  ASSERT_TRUE(activate_integration(*store_, company_, spec, clock_).ok());
  IntegrationChange change;
  change.from_date = day("2026-10-01");
  Result<Destination> r = change_integration(*store_, company_, "email", change, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("cannot change"), std::string::npos);
}

TEST_F(EngineTest, ALeaseKeepsASecondWorkerAwayUntilItRunsOut) {
  activate();
  sell_and_close("2026-11-20");
  const Delivery d = deliveries()[0];
  // Worker 1 takes the row and dies before finishing.
  ASSERT_TRUE(*store_->claim_delivery(d.id, "w1", clock_.now(), clock_.now().plus_seconds(300)));
  EXPECT_EQ(run("w2").delivered, 0);
  clock_.set(clock_.now().plus_seconds(301));
  EXPECT_EQ(run("w2").delivered, 1);
  // Worker 1 wakes up and tries to finish: refused, the row is final.
  Delivery late = d;
  late.status = DeliveryStatus::kDelivered;
  EXPECT_FALSE(store_->finish_delivery(late, "w1", {}).ok());
  EXPECT_EQ(mailer_.sent().size(), 1u);
}

TEST_F(EngineTest, DeactivatedDestinationsWait) {
  activate();
  ASSERT_TRUE(deactivate_integration(*store_, company_, "email", clock_).ok());
  sell_and_close("2026-11-20");
  EXPECT_TRUE(deliveries().empty());
}

TEST_F(EngineTest, ACorrectionReversesAndRebooksWithoutEditingAndIsDelivered) {
  activate();
  sell_and_close("2026-11-20");
  EXPECT_EQ(run().delivered, 1);
  const Voucher original = store_->vouchers(company_.id, std::nullopt, std::nullopt)->at(0);
  // Nothing changed: nothing to correct.
  EXPECT_TRUE(correct_day(*store_, company_, day("2026-11-20"), std::nullopt, clock_)->empty());
  // The sales account was wrong; the fix applies from the 1st.
  ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kProductGroup, "Mat", "", "3010",
                                                 Date::from_ymd(2026, 11, 1)}})
                  .ok());
  Result<std::vector<Correction>> c = correct_day(*store_, company_, day("2026-11-20"), std::nullopt, clock_);
  ASSERT_TRUE(c.ok()) << c.error().message();
  ASSERT_EQ(c->size(), 1u);
  const Correction& k = (*c)[0];
  EXPECT_EQ(k.original.id, original.id);
  EXPECT_EQ(k.reversal.corrects_voucher_id, original.id);
  EXPECT_EQ(k.corrected.corrects_voucher_id, original.id);
  EXPECT_EQ(k.reversal.date, day("2026-11-23"));
  EXPECT_TRUE(same_bookings(k.reversal, original.reversed()));
  bool on_3010 = false;
  for (const VoucherLine& l : k.corrected.lines) on_3010 |= l.account == "3010";
  EXPECT_TRUE(on_3010);
  // The texts name the voucher they correct (text/words_sv.cc).
  const std::string ref = original.series + " " + std::to_string(original.number);
  EXPECT_EQ(k.reversal.text, "Rättelse: återföring av " + ref + " (" + original.text + ")");
  EXPECT_EQ(k.corrected.text, "Rättelse: " + original.text + " (ersätter " + ref + ")");
  // The original is untouched, and a second correction finds nothing to do.
  const Voucher again = *store_->current_voucher(company_.id, original.id);
  EXPECT_EQ(again.id, k.corrected.id);
  EXPECT_TRUE(same_bookings(store_->vouchers_by_id(company_.id, {original.id})->at(0), original));
  EXPECT_TRUE(correct_day(*store_, company_, day("2026-11-20"), std::nullopt, clock_)->empty());
  // Both go out through the outbox.
  EXPECT_EQ(run().delivered, 1);
  ASSERT_EQ(mailer_.sent().size(), 2u);
  EXPECT_NE(mailer_.sent()[1].data.find("/correction/v"), std::string::npos);
}

TEST(Schedule, RunsAtLocalTimeAcrossDst) {
  TimeZone tz = *TimeZone::load("Europe/Stockholm");
  Schedule daily{Schedule::Kind::kDaily, 5 * 60};
  EXPECT_EQ(last_scheduled_run(daily, tz, at("2026-03-29T12:00:00+02:00")).to_utc_string(), "2026-03-29T03:00:00Z");
  EXPECT_EQ(last_scheduled_run(daily, tz, at("2026-03-28T12:00:00+01:00")).to_utc_string(), "2026-03-28T04:00:00Z");
  EXPECT_EQ(next_scheduled_run(daily, tz, at("2026-10-24T12:00:00+02:00")).to_utc_string(), "2026-10-25T04:00:00Z");
  Schedule weekly{Schedule::Kind::kWeekly, 5 * 60};
  EXPECT_EQ(next_scheduled_run(weekly, tz, at("2026-11-23T08:00:00+01:00")).to_utc_string(), "2026-11-30T04:00:00Z");
  Schedule monthly{Schedule::Kind::kMonthly, 5 * 60};
  EXPECT_EQ(next_scheduled_run(monthly, tz, at("2026-11-23T08:00:00+01:00")).to_utc_string(), "2026-12-01T04:00:00Z");
  EXPECT_EQ(last_scheduled_run(monthly, tz, at("2026-11-23T08:00:00+01:00")).to_utc_string(), "2026-11-01T04:00:00Z");
}

TEST(RetryPolicy, GrowsWithJitterAndIsCapped) {
  RetryPolicy p;
  for (int attempt = 1; attempt < 20; ++attempt) {
    const int64_t raw = std::min<int64_t>(p.cap_seconds, p.base_seconds << std::min(attempt - 1, 30));
    const int64_t d = p.delay_seconds(7, attempt, 0);
    EXPECT_GE(d, raw / 2);
    EXPECT_LE(d, raw / 2 + raw);
  }
  EXPECT_EQ(p.delay_seconds(7, 3, 0), p.delay_seconds(7, 3, 0));
  EXPECT_NE(p.delay_seconds(7, 5, 0), p.delay_seconds(8, 5, 0));
  EXPECT_EQ(p.delay_seconds(7, 1, 900), 900);
}

}  // namespace
}  // namespace dagbok

namespace dagbok {
namespace {

// A mail server that accepts the message (250 to the end of DATA) and then
// never answers QUIT: the delivery must already be recorded when it accepts,
// and stay delivered whatever comes after.
class AcceptsThenHangs final : public email::Mailer {
 public:
  explicit AcceptsThenHangs(Store& store, int64_t company) : store_(store), company_(company) {}
  Status send(const email::MailMessage&) override { return unavailable("unused"); }
  Result<std::string> send_reporting_acceptance(const email::MailMessage&,
                                                const email::OnAccepted& on_accepted) override {
    ++sends;
    if (on_accepted) on_accepted("250 2.0.0 Ok: queued as X1");
    // What a crash right now would leave behind: the row as stored.
    std::vector<Delivery> now = *store_.deliveries(company_, std::nullopt, 10);
    delivered_when_accepted = !now.empty() && now[0].status == DeliveryStatus::kDelivered;
    return unavailable("the mail server did not answer QUIT");
  }
  int sends = 0;
  bool delivered_when_accepted = false;

 private:
  Store& store_;
  int64_t company_;
};

TEST_F(EngineTest, AnSmtpAcceptanceIsRecordedTheMomentItIsGivenBeforeQuit) {
  AcceptsThenHangs hangs(*store_, company_.id);
  registry_.add(std::make_unique<email::EmailConnector>([&hangs]() -> Result<email::Mailer*> { return &hangs; },
                                                        email::MailAddress{"dagbok@example.se", ""}));
  activate();
  sell_and_close("2026-11-20");
  const RunStats s = run();
  EXPECT_EQ(s.delivered, 1);
  EXPECT_EQ(s.retrying, 0);
  EXPECT_TRUE(hangs.delivered_when_accepted) << "a crash after the 250 would send the day again";
  ASSERT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(deliveries()[0].status, DeliveryStatus::kDelivered);
  EXPECT_EQ(deliveries()[0].remote_ref, "250 2.0.0 Ok: queued as X1");
  EXPECT_EQ(deliveries()[0].attempts, 1);
  EXPECT_EQ(run().delivered, 0);
  EXPECT_EQ(hangs.sends, 1);
}

TEST_F(EngineTest, AStopRequestEndsThePassBeforeTheNextDelivery) {
  activate();
  sell_and_close("2026-11-19");
  sell_and_close("2026-11-20");
  EngineOptions o;
  o.worker_id = "w1";
  o.stop_requested = [] { return true; };
  ExportEngine engine(*store_, registry_, clock_, o);
  Result<RunStats> r = engine.run_once();
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->delivered, 0);
  EXPECT_EQ(mailer_.attempts(), 0);
  EXPECT_EQ(run().delivered, 2);
}

}  // namespace
}  // namespace dagbok
