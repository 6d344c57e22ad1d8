"""Firm pages: settings and branding, members and colleague invitations, the MFA requirement."""
