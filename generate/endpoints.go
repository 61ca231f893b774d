package generate

// Endpoints: a participant's client, a phone, a service.

func (g *gen) participantEndpoint(p *person, fb feedback) {
	g.b = append(g.b, '{')
	g.str("@odata.type", "#microsoft.graph.callRecords.participantEndpoint")
	g.strN("name", p.machine)
	if p.cpu != nil {
		g.str("cpuName", p.cpu.name)
		g.int("cpuCoresCount", int64(p.cpu.cores))
		g.int("cpuProcessorSpeedInMhz", int64(p.cpu.mhz))
	} else {
		g.raw(`"cpuName":null,"cpuCoresCount":null,"cpuProcessorSpeedInMhz":null,`)
	}
	g.obj("userAgent")
	g.str("@odata.type", "#microsoft.graph.callRecords.clientUserAgent")
	g.str("headerValue", p.plat.headers[p.ua])
	g.strN("applicationVersion", p.plat.versions[p.ua])
	g.str("platform", p.plat.name)
	g.raw(`"productFamily":"teams","communicationServiceId":null,"azureADAppId":null},`)
	g.obj("associatedIdentity")
	g.str("id", p.id)
	g.str("displayName", p.name)
	if p.kind == kindUser {
		g.str("tenantId", g.tenant)
		g.str("userPrincipalName", p.upn)
	} else {
		g.raw(`"tenantId":null,"userPrincipalName":null,`)
	}
	g.close()
	g.obj("feedback")
	g.strN("text", fb.text)
	g.str("rating", fb.rating)
	g.obj("tokens")
	if len(fb.tokens) > 0 {
		for _, t := range feedbackTokens[:8] {
			g.bool(t, t == fb.tokens[0])
		}
		if fb.tokens[0] == "FrozenVideo" || fb.tokens[0] == "PixelatedVideo" {
			g.bool(fb.tokens[0], true)
		}
	}
	g.close()
	g.close()
	g.close()
}

func (g *gen) phoneEndpoint(p *person) {
	g.b = append(g.b, '{')
	g.str("@odata.type", "#microsoft.graph.callRecords.participantEndpoint")
	g.raw(`"name":null,"cpuName":null,"cpuCoresCount":null,"cpuProcessorSpeedInMhz":null,`)
	g.raw(`"userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","headerValue":null,"applicationVersion":null,"platform":"unknown","productFamily":"unknown","communicationServiceId":null,"azureADAppId":null},`)
	// The number is the id, as in the participants_v2 entry that names it.
	g.obj("associatedIdentity")
	g.str("id", p.id)
	g.raw(`"displayName":null,"tenantId":null,"userPrincipalName":null,`)
	g.close()
	g.close()
}

func (g *gen) serviceEndpoint(role, header string) {
	g.b = append(g.b, '{')
	g.str("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint")
	g.obj("userAgent")
	g.str("@odata.type", "#microsoft.graph.callRecords.serviceUserAgent")
	switch role {
	case "skypeForBusinessAudioVideoMcu":
		header = "Microsoft.Skype.AVMCU/2026.2.9.4"
	case "mediationServer":
		header = "RTCC/7.0.0.0 MediationServer/2026.1.30.2"
	}
	g.str("headerValue", header)
	g.null("applicationVersion")
	g.str("role", role)
	g.close()
	g.close()
}
