CREATE PROCEDURE public.p() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$;
CALL public.p();
