"""Provider registrations: a provider's customer (a project) submits a campaign, the provider reviews it
(from the compliance report, or by hand), registers it in the registry and shares it to its DCA."""
