"""Unit tests of bench/run's arithmetic: the lower bound, serial batches, durations (python3 -m unittest)."""

import importlib.machinery
import importlib.util
import os
import unittest

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run")
_loader = importlib.machinery.SourceFileLoader("bench_run", _path)
_spec = importlib.util.spec_from_loader("bench_run", _loader)
run = importlib.util.module_from_spec(_spec)
_loader.exec_module(run)


def step(host, action):
    return {"host": host, "action": action}


def phase(name, steps, serial=()):
    return {"name": name, "steps": steps, "serial": list(serial)}


def expired_plan(hosts, serial):
    """The shape of the plan for the 'expired' scenario: three phases on the primary, a wait, restarts, clear."""
    return {"phases": [
        phase("create certificate", [step(hosts[0], "create_certificate")]),
        phase("configure AuthConfig", [step(hosts[0], "stage_next_certificate")]),
        phase("publish now", [step(hosts[0], "publish_certificate")]),
        phase("wait for certificate", [step(h, "wait_for_certificate") for h in hosts]),
        phase("restart and recycle", [step(h, a) for h in hosts
                                      for a in ("restart_service", "recycle_app_pool", "recycle_app_pool")], serial),
        phase("clear previous certificate", [step(hosts[0], "clear_previous_certificate")]),
    ]}


class LowerBoundTest(unittest.TestCase):

    hosts = [f"ex{i:02d}" for i in range(1, 11)]

    def test_restarts_all_at_once_cost_six_commands_and_the_replication(self):
        bound = run.lower_bound(expired_plan(self.hosts, ["100%"]), 1000, 5000)
        # gather, create+stage+publish, wait (+R), restart, clear, verify
        self.assertEqual(bound["commands"], 6)
        self.assertEqual(bound["seconds"], 11.0)

    def test_a_rolling_restart_costs_one_command_per_batch(self):
        self.assertEqual(run.lower_bound(expired_plan(self.hosts, ["1"]), 1000, 5000)["commands"], 5 + 10)
        self.assertEqual(run.lower_bound(expired_plan(self.hosts, ["3"]), 300, 0)["commands"], 5 + 4)
        self.assertEqual(run.lower_bound(expired_plan(self.hosts, ["25%"]), 300, 0)["commands"], 5 + 5)

    def test_single_host_phases_on_different_hosts_do_not_pipeline(self):
        plan = {"phases": [phase("a", [step("ex01", "x")]), phase("b", [step("ex02", "y")])]}
        self.assertEqual(run.lower_bound(plan, 100, 0)["commands"], 1 + 2 + 1)

    def test_an_empty_plan_is_the_gather_alone(self):
        self.assertEqual(run.lower_bound({"phases": []}, 300, 5000), {"seconds": 0.3, "commands": 1, "waits_s": 0.0,
                                                                      "path": "gather"})

    def test_batches_follow_the_serial_list_with_the_last_size_repeating(self):
        self.assertEqual(run.batches(10, []), 1)
        self.assertEqual(run.batches(10, ["1", "100%"]), 2)
        self.assertEqual(run.batches(10, ["1", "2"]), 1 + 5)
        self.assertEqual(run.batches(3, ["10%"]), 3)  # rounded down, at least one host

    def test_durations(self):
        self.assertEqual(run.duration_ms("300ms"), 300)
        self.assertEqual(run.duration_ms("1s"), 1000)
        self.assertEqual(run.ms_list("300ms,1s"), [300, 1000])
        with self.assertRaises(Exception):
            run.duration_ms("soon")


if __name__ == "__main__":
    unittest.main()
