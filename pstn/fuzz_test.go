package pstn

import (
	"bytes"
	"testing"

	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/text"
)

// Bad input never panics: whatever Parse takes, its rows can be shown,
// written and matched. (go test runs the seeds; go test -fuzz FuzzParse
// explores.)
func FuzzParse(f *testing.F) {
	for _, name := range []string{"getdirectroutingcalls-v1.json", "getpstncalls-v1.json", "beta-getsmslog.json",
		"beta-getpstnonlinemeetingdialoutreport.json", "getpstnblockeduserslog-beta.json"} {
		b, err := readSample(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"value":[{"correlationId":["x"],"finalSipCode":1e300,"duration":-1,"startDateTime":"0001-01-01T00:00:00Z","trunkFullyQualifiedDomainName":{"a":1},"callerNumber":"+1*"}]}`))
	f.Add([]byte(`[{"callId":1,"charge":"x","startDateTime":"yesterday","endDateTime":"2026-01-01T00:00:00Z"},1,"x",null]`))
	f.Add([]byte("{\"smsId\":\"a\",\"smsType\":\"\\u001b[2J\",\"sentDateTime\":\"2026-01-01T00:00:00Z\"}\n{\"smsId\":\"b\",\"smsUnits\":2}\n"))
	file, rec := loadRecordForFuzz()
	f.Fuzz(func(t *testing.T, b []byte) {
		log, err := Parse("fuzz", b, load.Limits{})
		if err != nil {
			return
		}
		var out bytes.Buffer
		WriteTable(&out, log.Rows)
		WriteJSON(&out, log.Rows)
		for _, r := range log.Rows {
			Facts(r, text.TimeText)
			FindingText(r)
			Severity(r)
		}
		c := MatchCall(rec, []*Source{{Kind: log.Kind, Rows: log.Rows}})
		c.Findings()
		for _, ft := range []report.Format{report.FormatText, report.FormatMarkdown, report.FormatJSON} {
			report.WriteWith(&out, file, ft, []*report.PSTN{c.Section()})
		}
	})
}
