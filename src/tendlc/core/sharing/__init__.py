"""The connectivity chain: sharing a campaign up from its CSP through CNPs to a DCA, and CNP migration."""
