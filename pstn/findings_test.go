package pstn

import (
	"testing"

	"github.com/callscope/callscope/data"
)

func TestSeverity(t *testing.T) {
	for _, tc := range []struct {
		name    string
		success bool
		code    int
		phrase  string
		sub     int
		sev     data.Severity
		text    string
	}{
		{"answered, ended with BYE", true, 0, "BYE", 540000, data.Info, "SIP BYE, sub-reason 540000"},
		{"answered", true, 200, "OK", 0, data.Info, "SIP 200 OK"},
		{"cancelled while ringing", false, 487, "Request Terminated", 0, data.Info, "SIP 487 Request Terminated"},
		{"answered elsewhere", false, 487, "Call completed elsewhere", 540200, data.Info, "SIP 487 Call completed elsewhere, sub-reason 540200"},
		{"busy", false, 486, "Busy Here", 0, data.Warning, "SIP 486 Busy Here"},
		{"declined", false, 603, "Decline", 0, data.Warning, "SIP 603 Decline"},
		{"unavailable", false, 480, "Temporarily Unavailable", 0, data.Warning, "SIP 480 Temporarily Unavailable"},
		{"answered, then dropped", true, 503, "Service Unavailable", 560503, data.Problem, "SIP 503 Service Unavailable, sub-reason 560503"},
		{"SBC down", false, 503, "Service Unavailable", 560503, data.Problem, "SIP 503 Service Unavailable, sub-reason 560503"},
		{"no such number", false, 404, "Not Found", 0, data.Problem, "SIP 404 Not Found"},
		{"codec mismatch", false, 488, "", 0, data.Problem, "SIP 488"},
		{"failed without a code", false, 0, "", 0, data.Problem, "failed, no final SIP code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log, err := ParseAs("x", []byte(drRow("r", "c", "09:00:00", "+1", "+2", "sbc", tc.success, tc.code, tc.phrase, tc.sub)), DirectRouting)
			if err != nil {
				t.Fatal(err)
			}
			r := log.Rows[0]
			if got := Severity(r); got != tc.sev {
				t.Errorf("severity %v, want %v", got, tc.sev)
			}
			// Failed: Graph's successfulCall false, or an established call
			// that ended with 300 or more (it dropped).
			if got, want := r.Failed(), !tc.success || tc.code >= 300 && tc.code != 487; got != want {
				t.Errorf("failed %v", got)
			}
			if got := FindingText(r); got != tc.text {
				t.Errorf("text %q, want %q", got, tc.text)
			}
		})
	}
	// Without successfulCall the code decides.
	log, _ := ParseAs("x", []byte(`{"finalSipCode":200,"finalSipCodePhrase":"OK"}`), DirectRouting)
	if Severity(log.Rows[0]) != data.Info || log.Rows[0].Failed() {
		t.Error("200 without successfulCall")
	}
	log, _ = ParseAs("x", []byte(`{"finalSipCode":500}`), DirectRouting)
	if Severity(log.Rows[0]) != data.Problem || !log.Rows[0].Failed() {
		t.Error("500 without successfulCall")
	}
	cp, _ := ParseAs("x", []byte(cpRow("p", "09:00:00", "09:01:00", "user_out", "+1", "+2")), CallingPlan)
	if Severity(cp.Rows[0]) != data.Info {
		t.Error("a Calling Plan row says nothing of failure")
	}
}

func TestSIPRulesCoverEverySeverity(t *testing.T) {
	seen := map[data.Severity]bool{}
	for _, r := range SIPRules {
		seen[r.Severity] = true
		if r.Codes == "" || r.Why == "" {
			t.Errorf("rule %+v", r)
		}
	}
	if len(seen) != 3 {
		t.Errorf("severities %v", seen)
	}
}
