package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/samples"
)

// toPowerShell rewrites a raw Graph export the way `Get-MgCommunicationCallRecord
// | ConvertTo-Json -Depth 20` shows it: PascalCase keys (IPAddress,
// OrganizerV2), members of derived types and OData annotations moved into
// AdditionalProperties under their wire names, durations as TimeSpan objects,
// and, with ps51, dates as "\/Date(ms)\/".
func toPowerShell(t testing.TB, raw []byte, ps51 bool) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(psValue("", v, ps51), "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var psDurations = map[string]bool{
	"averageJitter": true, "maxJitter": true, "averageRoundTripTime": true, "maxRoundTripTime": true,
	"averageAudioNetworkJitter": true, "maxAudioNetworkJitter": true, "averageFreezeDuration": true,
	"rmsFreezeDuration": true, "roundTripTime": true,
}

// Members of derived types the SDK keeps in AdditionalProperties when it
// reads them into the base type.
var psAdditional = map[string]bool{
	"platform": true, "productFamily": true, "role": true, "associatedIdentity": true, "feedback": true,
	"name": true, "cpuName": true, "cpuCoresCount": true, "cpuProcessorSpeedInMhz": true,
	"azureADAppId": true, "communicationServiceId": true, "acsUser": true, "spoolUser": true,
}

var psNames = map[string]string{
	"ipAddress": "IPAddress", "reflexiveIPAddress": "ReflexiveIPAddress", "relayIPAddress": "RelayIPAddress",
	"organizer_v2": "OrganizerV2", "participants_v2": "ParticipantsV2",
}

func psValue(key string, v any, ps51 bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		extra := map[string]any{}
		for k, m := range x {
			if strings.HasPrefix(k, "@odata") || psAdditional[k] || strings.Contains(k, "@odata.") {
				extra[k] = m
				continue
			}
			name := psNames[k]
			if name == "" {
				name = strings.ToUpper(k[:1]) + k[1:]
			}
			out[name] = psValue(k, m, ps51)
		}
		if len(extra) > 0 {
			out["AdditionalProperties"] = extra
		}
		return out
	case []any:
		for i := range x {
			x[i] = psValue(key, x[i], ps51)
		}
		return x
	case string:
		if psDurations[key] {
			d, err := ParseISODuration(x)
			if err != nil {
				return x
			}
			ticks := int64(d / 100)
			return map[string]any{"Ticks": ticks, "Days": 0, "Hours": 0, "Milliseconds": d.Milliseconds() % 1000,
				"Minutes": 0, "Seconds": int64(d.Seconds()) % 60, "TotalDays": d.Hours() / 24, "TotalHours": d.Hours(),
				"TotalMilliseconds": float64(d) / 1e6, "TotalMinutes": d.Minutes(), "TotalSeconds": d.Seconds()}
		}
		if ps51 && strings.HasSuffix(key, "DateTime") {
			if tm, ok := parseTime(x); ok {
				return fmt.Sprintf("/Date(%d)/", tm.UnixMilli())
			}
		}
	}
	return v
}

func TestPowerShellShapeGivesTheSameReport(t *testing.T) {
	sources := map[string][]byte{"demo": samples.Demo}
	for _, name := range []string{
		"callrecord-get-expand-sessions-v1-2021.json", "callrecord-get-expand-sessions-v1.json",
		"m365cli-spec-callrecord-get-expand-sessions.json", "m365cli-teams-callrecord-get.json",
		"callrecords-list-v1.json", "session-list-expand-segments-v1.json", "callrecord-get-expand-participants_v2-v1.json",
	} {
		sources[name] = readSample(t, name)
	}
	for name, raw := range sources {
		t.Run(name, func(t *testing.T) {
			ps := toPowerShell(t, raw, false)
			if !bytes.Contains(ps, []byte(`"AdditionalProperties"`)) || bytes.Contains(ps, []byte(`"sessions"`)) {
				t.Fatal("the converter did not produce the PowerShell shape")
			}
			fRaw, err := Load(name, raw)
			if err != nil {
				t.Fatal(err)
			}
			fPS, err := Load(name, ps)
			if err != nil {
				t.Fatal(err)
			}
			if !fPS.PowerShell || fRaw.PowerShell {
				t.Errorf("PowerShell detection: raw %v, ps %v", fRaw.PowerShell, fPS.PowerShell)
			}
			for _, format := range []Format{FormatJSON, FormatText, FormatMarkdown} {
				// Paths spell keys as each file does: .sessions[0], .Sessions[0].
				a, b := foldPaths(reportIn(t, fRaw, format)), foldPaths(reportIn(t, fPS, format))
				if a != b {
					t.Errorf("%s report differs:\nraw:\n%s\npowershell:\n%s", format, a, b)
				}
			}
		})
	}
}

func TestWindowsPowerShellDates(t *testing.T) {
	raw := readSample(t, "callrecord-get-expand-sessions-v1-2021.json")
	f, err := Load("ps51", toPowerShell(t, raw, true))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Load("raw", raw)
	got, exp := f.Records[0], want.Records[0]
	if !got.Start.Equal(exp.Start.Truncate(time.Millisecond)) || got.Sessions[0].End.IsZero() {
		t.Errorf("start %v, want %v to the millisecond", got.Start, exp.Start)
	}
	if got.Quality != exp.Quality {
		t.Errorf("verdicts %+v, want %+v", got.Quality, exp.Quality)
	}
}

var jsonPath = regexp.MustCompile(`"path":"[^"]*"`)

// foldPaths lower-cases the paths of a JSON report.
func foldPaths(report string) string {
	return jsonPath.ReplaceAllStringFunc(report, strings.ToLower)
}

func reportIn(t *testing.T, f *File, format Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteReport(&b, f, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func demoBytes() []byte { return samples.Demo }
