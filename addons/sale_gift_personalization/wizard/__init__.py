from . import sale_personalization_sheet_wizard
