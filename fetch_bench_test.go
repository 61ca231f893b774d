package main

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/internal/fakegraph"
)

// BenchmarkFetchBigMeetingWithLogs is `callscope --id` of a generated
// 7,500-session meeting (PSTN legs through gateways) from the fake Graph,
// with a Direct Routing row of the call in its window: the pages, the
// logs, the parse and the rows matched. Run it short:
//
//	go test -run '^$' -bench FetchBigMeeting -benchtime 3x -count 5 .
func BenchmarkFetchBigMeetingWithLogs(b *testing.B) {
	var rec strings.Builder
	if err := generate.Record(&rec, generate.Options{Sessions: 7500, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	fg := fakegraph.New(fakegraph.Options{SessionsPerPage: 1000, ParticipantsPerPage: 1000})
	if err := fg.Add([]byte(rec.String())); err != nil {
		b.Fatal(err)
	}
	id := gjson.Get(rec.String(), "id").String()
	start := gjson.Get(rec.String(), "startDateTime").Time().Add(time.Minute).Format(time.RFC3339)
	row := `{"id":"dr-1","correlationId":"` + id + `","userId":"u1","startDateTime":"` + start + `","callType":"ByotIn","successfulCall":true,` +
		`"callerNumber":"+14255550100","calleeNumber":"+14255550123","finalSipCode":0,"finalSipCodePhrase":"BYE","trunkFullyQualifiedDomainName":"sbc1.contoso.com"}`
	if err := fg.AddLog(fakegraph.DirectRoutingCalls, []byte(row)); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(fg)
	defer srv.Close()
	env := map[string]string{"CALLSCOPE_GRAPH_URL": srv.URL, "CALLSCOPE_ACCESS_TOKEN": fg.Token()}
	g := &graphFlags{id: id, cloud: "global", timeout: time.Minute}
	b.ReportAllocs()
	for b.Loop() {
		f, err := g.fetch(context.Background(), func(k string) string { return env[k] }, nil)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(f.Records[0].Raw, `"callscope.pstn"`) {
			b.Fatal("the fetch brought no log rows")
		}
	}
}
