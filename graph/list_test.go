package graph

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

func TestListFiltersAndPages(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 2, 1, 0, 0, 0, time.FixedZone("CET", 3600)) // 2026-11-02T00:00:00Z
	user := "821809f5-0000-0000-0000-3b5136c0e777"
	for _, tc := range []struct {
		name   string
		o      ListOptions
		filter string
	}{
		{"none", ListOptions{}, ""},
		{"time range", ListOptions{From: from, To: to},
			"startDateTime ge 2026-11-01T00:00:00Z and startDateTime lt 2026-11-02T00:00:00Z"},
		{"since", ListOptions{From: from}, "startDateTime ge 2026-11-01T00:00:00Z"},
		{"participant", ListOptions{Participant: " " + user + " "}, "participants_v2/any(p:p/id eq '" + user + "')"},
		{"both", ListOptions{From: from, To: to, Participant: user},
			"startDateTime ge 2026-11-01T00:00:00Z and startDateTime lt 2026-11-02T00:00:00Z and participants_v2/any(p:p/id eq '" + user + "')"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeGraph(t, 0, 0)
			for i := range 125 {
				f.records = append(f.records, testRecord(i))
			}
			var progress []string
			c := f.client(newFakeClock())
			c.Progress = func(p Progress) { progress = append(progress, p.String()) }
			raw, err := c.List(context.Background(), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			reqs := f.requests()
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want 3 pages", len(reqs))
			}
			for i, r := range reqs {
				if r.URL.Path != "/v1.0/communications/callRecords" {
					t.Errorf("path %q", r.URL.Path)
				}
				if got := r.URL.Query().Get("$filter"); got != tc.filter {
					t.Errorf("request %d: $filter\n got %q\nwant %q", i, got, tc.filter)
				}
			}
			if tc.filter != "" && (!strings.HasPrefix(reqs[0].URL.RawQuery, "$filter=") || strings.Contains(reqs[0].URL.RawQuery, "+")) {
				t.Errorf("raw query %q", reqs[0].URL.RawQuery)
			}
			if got := rawElements(t, raw, "value"); !slices.Equal(got, f.records) {
				t.Errorf("value: %d records, want %d byte-identical in order", len(got), len(f.records))
			}
			if strings.Contains(strings.ToLower(string(raw)), "nextlink") || !gjson.GetBytes(raw, `@odata\.context`).Exists() {
				t.Errorf("merged list: %.200s", raw)
			}
			want := []string{"list page 1, 60 call records so far", "list page 2, 120 call records so far", "list page 3, 125 call records so far"}
			if !slices.Equal(progress, want) {
				t.Errorf("progress %q", progress)
			}
		})
	}
}

func TestListRejectsBadOptions(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, o := range []ListOptions{
		{Participant: "alice@contoso.com"},
		{Participant: "821809f5-0000-0000-0000-3b5136c0e777') or (true"},
		{From: from, To: from},
		{From: from, To: from.Add(-time.Hour)},
	} {
		f := newFakeGraph(t, 0, 0)
		if _, err := f.client(newFakeClock()).List(context.Background(), o); err == nil {
			t.Errorf("%+v accepted", o)
		}
		if n := len(f.requests()); n != 0 {
			t.Errorf("%+v: %d requests", o, n)
		}
	}
}

func TestListEmpty(t *testing.T) {
	f := newFakeGraph(t, 0, 0)
	raw, err := f.client(newFakeClock()).List(context.Background(), ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(raw); got != `{"@odata.context":"ctx","value":[]}` {
		t.Errorf("got %s", got)
	}
}
