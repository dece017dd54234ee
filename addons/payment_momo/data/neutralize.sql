-- A neutralized copy must never sign anything with the live keys.
UPDATE payment_provider
   SET momo_secret_key = NULL,
       momo_access_key = NULL;
