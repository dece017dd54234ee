from . import helpdesk_ticket_assign
