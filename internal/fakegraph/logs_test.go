package fakegraph

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

func getLog(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

const logBase = "/v1.0/communications/callRecords/"

func TestLogsServeRangesAndPages(t *testing.T) {
	s := New(Options{LogRowsPerPage: 2})
	if err := s.AddLogFile("../../testdata/pstn/crafted-aa-cq-bot-pstn-dr-log.json"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddLogFile("../../testdata/graph/getpstncalls-v1.json"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	code, body := getLog(t, srv, logBase+"getDirectRoutingCalls(fromDateTime=2026-07-14T09:00:00Z,toDateTime=2026-07-14T09:15:00Z)")
	if code != 200 || !strings.Contains(gjson.Get(body, `@odata\.context`).String(), "directRoutingLogRow") {
		t.Fatalf("%d %s", code, body)
	}
	// Four rows start before 09:15 (the one at 09:15 is out: toDateTime is
	// exclusive), two a page.
	var got []string
	for page := 0; ; page++ {
		for _, r := range gjson.Get(body, "value").Array() {
			got = append(got, r.Get("startDateTime").String())
		}
		next := gjson.Get(body, `@odata\.nextLink`).String()
		if next == "" || page > 5 {
			break
		}
		code, body = getLog(t, srv, strings.TrimPrefix(next, srv.URL))
		if code != 200 {
			t.Fatalf("%d %s", code, body)
		}
	}
	if len(got) != 4 {
		t.Errorf("rows %q", got)
	}
	code, body = getLog(t, srv, logBase+"getPstnCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-11-02T00:00:00Z)")
	if code != 200 || len(gjson.Get(body, "value").Array()) != 1 {
		t.Errorf("%d %s", code, body)
	}
}

func TestLogsRefuseWhatGraphRefuses(t *testing.T) {
	s := New(Options{ForbidLogs: []string{DirectRoutingCalls}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	if code, body := getLog(t, srv, logBase+"getPstnCalls(fromDateTime=2026-01-01T00:00:00Z,toDateTime=2026-04-02T00:00:00Z)"); code != 400 || !strings.Contains(body, "90 days") {
		t.Errorf("91 days of getPstnCalls: %d %s", code, body)
	}
	if code, _ := getLog(t, srv, logBase+"getPstnCalls(fromDateTime=2026-01-01T00:00:00Z,toDateTime=2026-03-31T00:00:00Z)"); code != 200 {
		t.Errorf("89 days of getPstnCalls: %d", code)
	}
	if code, body := getLog(t, srv, logBase+"getDirectRoutingCalls(fromDateTime=2026-01-01T00:00:00Z,toDateTime=2026-01-02T00:00:00Z)"); code != 403 || !strings.Contains(body, "CallRecord-PstnCalls.Read.All") {
		t.Errorf("forbidden: %d %s", code, body)
	}
	if code, _ := getLog(t, srv, logBase+"getPstnCalls(fromDateTime=2026-01-02T00:00:00Z,toDateTime=2026-01-01T00:00:00Z)"); code != 400 {
		t.Errorf("a range backwards: %d", code)
	}
}
