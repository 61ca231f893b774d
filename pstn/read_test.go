package pstn

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/load"
)

func TestReadPublicSamples(t *testing.T) {
	for _, tc := range []struct {
		file   string
		kind   Kind
		fields int
		check  func(t *testing.T, r *Row)
	}{
		{"getdirectroutingcalls-v1.json", DirectRouting, 21, func(t *testing.T, r *Row) {
			d := r.DR
			if d.CorrelationID != "c98e1515-a937-4b81-b8a8-3992afde64e0" || d.Trunk != "tll-audiocodes01.adatum.biz" ||
				d.Caller != "+12345678***" || d.SIPPhrase != "BYE" || d.User.Name != "Richard Malk" {
				t.Errorf("%+v", d)
			}
			if !d.SIPCode.OK || d.SIPCode.V != 0 || !d.SubReason.OK || d.SubReason.V != 540000 || !d.Successful.V || !d.MediaBypass.OK || d.MediaBypass.V {
				t.Errorf("codes %+v", d)
			}
			if !d.Failure.IsZero() {
				t.Errorf("0001-01-01 is no failure time: %v", d.Failure)
			}
			if want := time.Date(2019, 11, 1, 0, 0, 25, 105e6, time.UTC); !d.Start.Equal(want) || !r.Time().Equal(want) {
				t.Errorf("start %v", d.Start)
			}
			if d.OtherCountry != "" {
				t.Errorf("v1 has no otherPartyCountryCode: %q", d.OtherCountry)
			}
			if r.Failed() || r.Result() != "BYE" {
				t.Errorf("failed %v result %q", r.Failed(), r.Result())
			}
		}},
		{"beta-getdirectroutingcalls.json", DirectRouting, 23, func(t *testing.T, r *Row) {
			if r.DR.OtherCountry != "US" || r.DR.UserCountry != "US" {
				t.Errorf("%+v", r.DR)
			}
		}},
		{"getpstncalls-v1.json", CallingPlan, 23, func(t *testing.T, r *Row) {
			c := r.CP
			if c.CallID != "1835317186_112562680@61.221.3.176" || c.CallType != "user_in" || c.Callee != "+1234567890" ||
				!c.Charge.OK || c.Charge.V != 0 || c.DestinationName != "United States" || c.DestinationContext != "" {
				t.Errorf("%+v", c)
			}
			if d := r.Duration(); !d.OK || d.V != 219*time.Second {
				t.Errorf("duration %v", d)
			}
		}},
		{"beta-getpstncalls.json", CallingPlan, 24, func(t *testing.T, r *Row) {
			if r.CP.OtherCountry != "US" {
				t.Errorf("%+v", r.CP)
			}
		}},
		{"beta-getsmslog.json", SMS, 17, func(t *testing.T, r *Row) {
			s := r.SMS
			if s.ID != "ef36b3e8-9922-4763-90e2-f4345c04a5d6" || s.Source != "+12818602122" || s.Type != "sms_in" || !s.Units.OK || s.Units.V != 1 {
				t.Errorf("%+v", s)
			}
			if from, to := r.Numbers(); from != "+12818602122" || to != "+12673173004" {
				t.Errorf("numbers %s %s", from, to)
			}
		}},
		{"beta-getpstnonlinemeetingdialoutreport.json", Dialout, 9, func(t *testing.T, r *Row) {
			d := r.Dialout
			if !d.TotalCalls.OK || d.TotalCalls.V != 12 || !d.TotalCharge.OK || d.TotalCharge.V != 12.83 || d.UsageLocation != "US" {
				t.Errorf("%+v", d)
			}
			if !r.Time().IsZero() || r.Result() != "12 calls" {
				t.Errorf("time %v result %q", r.Time(), r.Result())
			}
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			log, err := Parse(tc.file, sample(t, tc.file), load.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if log.Kind != tc.kind || len(log.Rows) != 1 || log.Rows[0].Kind != tc.kind {
				t.Fatalf("kind %v, %d rows", log.Kind, len(log.Rows))
			}
			if len(log.Warnings) != 1 || !strings.Contains(log.Warnings[0], "nextLink") {
				t.Errorf("every sample holds a nextLink: warnings %q", log.Warnings)
			}
			r := log.Rows[0]
			if len(r.Fields) != tc.fields {
				t.Errorf("%d fields, want %d (every member kept)", len(r.Fields), tc.fields)
			}
			tc.check(t, r)
		})
	}
}

// The published getPstnBlockedUsersLog example has trailing commas: it is
// refused as the loader refuses malformed JSON, with its line and column.
func TestBlockedUsersSampleRefusedWithPlace(t *testing.T) {
	_, err := Parse("blocked.json", sample(t, "getpstnblockeduserslog-beta.json"), load.Limits{})
	var se *load.SyntaxError
	if !errors.As(err, &se) || se.Line != 15 || se.Column != 9 {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "blocked users") {
		t.Errorf("the error should say what the file is: %v", err)
	}
	// Without the commas it reads.
	fixed := strings.ReplaceAll(string(sample(t, "getpstnblockeduserslog-beta.json")), `",
        }`, `"
        }`)
	log, err := Parse("blocked.json", []byte(fixed), load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if log.Kind != BlockedUsers || len(log.Rows) != 2 || log.Rows[1].Blocked.Mode != "Unblocked" || log.Rows[0].Blocked.Number != "+37212345678" {
		t.Fatalf("%+v", log)
	}
}

func TestParseShapes(t *testing.T) {
	row := drRow("r1", "c1", "09:00:00", "+14255550100", "+14255550111", "sbc1.contoso.com", false, 503, "Service Unavailable", 560503)
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for name, in := range map[string][]byte{
		"value without metadata": []byte(`{"value":[` + row + `]}`),
		"bare array":             []byte(`[` + row + `]`),
		"one row":                []byte(row),
		"comment lines":          []byte("// exported by hand\n" + row),
		"JSON lines":             []byte(row + "\n"),
	} {
		t.Run(name, func(t *testing.T) {
			log, err := Parse(name, in, load.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(log.Rows) != 1 || log.Rows[0].DR == nil || log.Rows[0].DR.SIPCode.V != 503 {
				t.Fatalf("%+v", log)
			}
		})
	}
	t.Run("gzip through the project's reader", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "dr.json.gz")
		if err := os.WriteFile(p, gz(`{"value":[`+row+`]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		log, err := Read(p, nil, load.Limits{})
		if err != nil || len(log.Rows) != 1 {
			t.Fatalf("%v %+v", err, log)
		}
		if _, err := Read(p, nil, load.Limits{MaxSize: 100}); err == nil {
			t.Error("the size limit applies")
		}
	})
}

func TestParseJSONLinesOfSeveralKinds(t *testing.T) {
	dr, _ := ParseAs("dr", []byte(drRow("r1", "c1", "09:00:00", "+1", "+2", "sbc", true, 200, "OK", 0)), DirectRouting)
	cp, _ := ParseAs("cp", []byte(cpRow("p1", "08:00:00", "08:01:00", "user_in", "+14255550100", "+14255550111")), CallingPlan)
	var b bytes.Buffer
	if err := WriteJSON(&b, Merge(dr.Rows, cp.Rows)); err != nil {
		t.Fatal(err)
	}
	log, err := Parse("lines", b.Bytes(), load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if log.Kind != Unknown || len(log.Rows) != 2 || log.Rows[0].Kind != CallingPlan || log.Rows[1].Kind != DirectRouting {
		t.Fatalf("kind %v rows %d", log.Kind, len(log.Rows))
	}
	// The @odata.type written is not a field of the row read back.
	if got, want := len(log.Rows[1].Fields), len(dr.Rows[0].Fields)+1; got != want {
		t.Errorf("%d fields, want %d", got, want)
	}
}

func TestParseRefusals(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"a call record":          {record("c", "09:00:00", "09:10:00"), "it is a call record"},
		"a users list":           {`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"displayName":"A"}]}`, "not a PSTN, Direct Routing, SMS or dial-out log"},
		"numbers of either kind": {`[{"callerNumber":"+1","calleeNumber":"+2"}]`, "not a PSTN, Direct Routing, SMS or dial-out log"},
		"not JSON":               {"{\"value\":[", "invalid JSON"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(name, []byte(tc.in), load.Limits{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
	log, err := Parse("empty", []byte(`{"value":[]}`), load.Limits{})
	if err != nil || len(log.Rows) != 0 {
		t.Errorf("an empty collection is an empty log: %v", err)
	}
}

// Missing is missing: a row without a duration or a SIP code has none, not 0.
func TestMissingIsMissing(t *testing.T) {
	log, err := ParseAs("x", []byte(`{"id":"r","correlationId":"c","finalSipCode":null,"duration":"5"}`), DirectRouting)
	if err != nil {
		t.Fatal(err)
	}
	d := log.Rows[0].DR
	if d.SIPCode.OK || d.Duration.OK || d.Successful.OK || d.SubReason.OK || !d.Start.IsZero() {
		t.Errorf("%+v", d)
	}
	if log.Rows[0].Failed() || log.Rows[0].Result() != "" || log.Rows[0].Duration().OK {
		t.Errorf("nothing said, nothing shown")
	}
	if got := Cells(log.Rows[0]); got[4] != "—" || got[5] != "—" {
		t.Errorf("cells %q", got)
	}
}
